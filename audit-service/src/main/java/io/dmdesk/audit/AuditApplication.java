package io.dmdesk.audit;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

/** Keeps the append-only audit trail of every step and answers auditors. */
@SpringBootApplication
public class AuditApplication {

    public static SpringApplicationBuilder builder() {
        return new SpringApplicationBuilder(AuditApplication.class).properties("spring.config.name=audit-service");
    }

    public static void main(String[] args) {
        builder().run(args);
    }
}
