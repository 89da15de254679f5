package io.dmdesk.casebridge;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Opens exactly one record per report in the force's case system. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class CaseBridgeApplication {

    public static SpringApplicationBuilder builder() {
        return new SpringApplicationBuilder(CaseBridgeApplication.class)
                .properties("spring.config.name=case-bridge-service");
    }

    public static void main(String[] args) {
        builder().run(args);
    }
}
