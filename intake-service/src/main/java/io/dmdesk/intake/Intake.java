package io.dmdesk.intake;

import io.dmdesk.contracts.AuditEvent.Action;
import io.dmdesk.contracts.AuditEvent.LogCategory;
import io.dmdesk.contracts.InboundMessage;
import io.dmdesk.support.audit.Auditor;
import io.dmdesk.support.kafka.EventPublisher;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.stereotype.Component;

/**
 * Hands a normalised message to the pipeline: publish (returns once the broker acknowledged it), then audit
 * the collection. Connectors advance their cursor only after this returns.
 */
@Component
public class Intake {

    public static final String BINDING = "inbound-out";
    private static final Logger log = LoggerFactory.getLogger(Intake.class);

    private final EventPublisher publisher;
    private final Auditor auditor;
    private final MeterRegistry meters;

    Intake(EventPublisher publisher, Auditor auditor, MeterRegistry meters) {
        this.publisher = publisher;
        this.auditor = auditor;
        this.meters = meters;
    }

    public void accept(InboundMessage message) {
        MDC.put("messageId", message.messageId());
        try {
            publisher.publish(BINDING, message.conversationKey(), message);
            auditor.step(Action.MESSAGE_RECEIVED, LogCategory.COLLECTION, message.messageId(), null, null, null,
                    Map.of("platform", message.platform().code(), "account", message.account().id(),
                            "channel", message.channel().name(), "kind", message.kind().name()));
            meters.counter("dmdesk.intake.messages", "platform", message.platform().code(),
                    "account", message.account().id(), "channel", message.channel().name()).increment();
            log.info("message published");
        } finally {
            MDC.remove("messageId");
        }
    }
}
