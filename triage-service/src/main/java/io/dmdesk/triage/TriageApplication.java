package io.dmdesk.triage;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Decides urgency, category and sensitivity of every message, keeps reports and the operators' queue. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class TriageApplication {

    public static SpringApplicationBuilder builder() {
        return new SpringApplicationBuilder(TriageApplication.class).properties("spring.config.name=triage-service");
    }

    public static void main(String[] args) {
        builder().run(args);
    }
}
