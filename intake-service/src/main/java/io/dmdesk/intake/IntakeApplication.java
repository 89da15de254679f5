package io.dmdesk.intake;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Pulls and receives every DM and mention of the monitored accounts and publishes them as InboundMessage. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class IntakeApplication {

    /** Its own config file name, so several services can share one classpath in end-to-end tests. */
    public static SpringApplicationBuilder builder() {
        return new SpringApplicationBuilder(IntakeApplication.class).properties("spring.config.name=intake-service");
    }

    public static void main(String[] args) {
        builder().run(args);
    }
}
