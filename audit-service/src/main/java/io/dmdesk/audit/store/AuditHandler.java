package io.dmdesk.audit.store;

import io.dmdesk.contracts.AuditEvent;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.Consumer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Appends every audit event; the write completes before the offset is committed. */
@Configuration
class AuditHandler {

    @Bean
    Consumer<AuditEvent> record(AuditStore store, MeterRegistry meters) {
        return event -> {
            boolean fresh = store.append(event);
            meters.counter("dmdesk.audit.entries", "action", event.action().name(),
                    "outcome", fresh ? "stored" : "duplicate").increment();
        };
    }
}
