package io.dmdesk.sandbox;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Simulated social platforms and police case system, speaking the real HTTP contracts.
 * For the local stack, end-to-end tests and benchmarks only; never on the production path.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class SandboxApplication {

    /** Reads sandbox.yml rather than application.yml: the end-to-end tests put several apps on one classpath. */
    public static SpringApplicationBuilder builder() {
        return new SpringApplicationBuilder(SandboxApplication.class).properties("spring.config.name=sandbox");
    }

    public static void main(String[] args) {
        builder().run(args);
    }
}
