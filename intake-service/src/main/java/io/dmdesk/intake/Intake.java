package io.dmdesk.intake;

import io.dmdesk.contracts.AuditEvent.Action;
import io.dmdesk.contracts.AuditEvent.LogCategory;
import io.dmdesk.contracts.InboundMessage;
import io.dmdesk.contracts.MessageKind;
import io.dmdesk.intake.connector.ConnectorHealth;
import io.dmdesk.intake.seen.SeenMessages;
import io.dmdesk.support.audit.Auditor;
import io.dmdesk.support.kafka.EventPublisher;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.stereotype.Component;

/**
 * Hands a normalised message to the pipeline: publish (returns once the broker acknowledged it), then audit
 * the collection and remember it as published. Pull connectors advance their cursor only after this returns;
 * webhook handlers answer 200 only after it returned. Used by pulls and webhooks alike, so a message that
 * arrives both ways is published once.
 */
@Component
public class Intake {

    public static final String BINDING = "inbound-out";
    private static final Logger log = LoggerFactory.getLogger(Intake.class);

    private final EventPublisher publisher;
    private final Auditor auditor;
    private final SeenMessages seen;
    private final ConnectorHealth health;
    private final MeterRegistry meters;
    private final ObservationRegistry observations;
    private final Object[] stripes = new Object[64];

    Intake(EventPublisher publisher, Auditor auditor, SeenMessages seen, ConnectorHealth health, MeterRegistry meters,
           ObservationRegistry observations) {
        this.publisher = publisher;
        this.observations = observations;
        this.auditor = auditor;
        this.seen = seen;
        this.health = health;
        this.meters = meters;
        for (int i = 0; i < stripes.length; i++) {
            stripes[i] = new Object();
        }
    }

    /** @return false when the message was published before (by a webhook, a pull, or before a restart) */
    public boolean accept(InboundMessage message) {
        MDC.put("messageId", message.messageId());
        // A webhook and the reconciling pull often carry the same message at the same moment: one at a time per
        // id, so the second sees the first's "seen" entry. Across replicas the downstream messageId dedupe holds.
        Object lock = stripes[Math.floorMod(message.messageId().hashCode(), stripes.length)];
        try {
            // One observation around publish and audit: the report's trace starts here, and the audit record of
            // its collection belongs to it (the Kafka producer observations are its children).
            Boolean published = Observation.createNotStarted("dmdesk.intake.accept", observations)
                    .lowCardinalityKeyValue("platform", message.platform().code())
                    .observe(() -> {
                        synchronized (lock) {
                            return publishOnce(message);
                        }
                    });
            return Boolean.TRUE.equals(published);
        } finally {
            MDC.remove("messageId");
        }
    }

    private boolean publishOnce(InboundMessage message) {
        health.observed(message.account().id(), message.platform().code(), message.platformTimestamp());
        if (seen.published(message)) {
            meters.counter("dmdesk.intake.duplicates", "platform", message.platform().code(),
                    "account", message.account().id()).increment();
            return false;
        }
        publisher.publish(BINDING, message.conversationKey(), message);
        auditor.step(Action.MESSAGE_RECEIVED, LogCategory.COLLECTION, message.messageId(), null,
                message.kind() == MessageKind.NEW ? null : message.kind().name(), null,
                Map.of("platform", message.platform().code(), "account", message.account().id(),
                        "channel", message.channel().name(), "kind", message.kind().name()));
        seen.remember(message);
        meters.counter("dmdesk.intake.messages", "platform", message.platform().code(),
                "account", message.account().id(), "channel", message.channel().name()).increment();
        log.info("message published");
        return true;
    }
}
