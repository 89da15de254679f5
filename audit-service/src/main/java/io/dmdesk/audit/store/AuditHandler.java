package io.dmdesk.audit.store;

import io.dmdesk.contracts.AuditEvent;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.Consumer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;

/**
 * Appends every audit event to the chain of the partition it came from; the write completes before the offset is
 * committed. One consumer owns a partition at a time, so in steady state each chain has exactly one writer and
 * the writers of different partitions never wait for each other.
 */
@Configuration
class AuditHandler {

    @Bean
    Consumer<Message<AuditEvent>> record(AuditStore store, MeterRegistry meters) {
        return message -> {
            AuditEvent event = message.getPayload();
            Integer partition = message.getHeaders().get(KafkaHeaders.RECEIVED_PARTITION, Integer.class);
            // Every record the binder delivers names its partition; chain 0 only for a record from elsewhere.
            boolean fresh = store.append(event, partition == null ? 0 : partition);
            meters.counter(
                            "dmdesk.audit.entries",
                            "action",
                            event.action().name(),
                            "outcome",
                            fresh ? "stored" : "duplicate")
                    .increment();
        };
    }
}
