package io.dmdesk.notifier;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Acknowledges every report to the citizen, on the channel and account it came in on, once. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class NotifierApplication {

    public static SpringApplicationBuilder builder() {
        return new SpringApplicationBuilder(NotifierApplication.class)
                .properties("spring.config.name=notifier-service");
    }

    public static void main(String[] args) {
        builder().run(args);
    }
}
