package io.dmdesk.intake.webhook;

import io.dmdesk.contracts.AuditEvent;
import io.dmdesk.contracts.AuditEvent.Action;
import io.dmdesk.contracts.AuditEvent.LogCategory;
import io.dmdesk.contracts.AuditEvent.Outcome;
import io.dmdesk.support.audit.Auditor;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Records refused deliveries (audit WEBHOOK_REJECTED, metric by reason) and ignored event types. Never the
 * body: a forged or broken delivery may still carry personal data.
 */
@Component
public class WebhookRejections {

    private static final Logger log = LoggerFactory.getLogger(WebhookRejections.class);

    private final Auditor auditor;
    private final MeterRegistry meters;
    private final Clock clock;

    WebhookRejections(Auditor auditor, MeterRegistry meters, Clock clock) {
        this.auditor = auditor;
        this.meters = meters;
        this.clock = clock;
    }

    /** @param reason a fixed code: missing_signature, bad_signature, malformed_json, too_large, ... */
    public void reject(String platform, String reason) {
        meters.counter("dmdesk.intake.webhook.rejected", "platform", platform, "reason", reason)
                .increment();
        log.warn("webhook delivery rejected: platform={} reason={}", platform, reason);
        try {
            auditor.record(new AuditEvent(
                    AuditEvent.SCHEMA_VERSION,
                    UUID.randomUUID().toString(),
                    clock.instant(),
                    AuditEvent.Actor.service("intake-service"),
                    Action.WEBHOOK_REJECTED,
                    LogCategory.COLLECTION,
                    "webhook:" + platform,
                    null,
                    Outcome.REJECTED,
                    null,
                    null,
                    Map.of("platform", platform, "reason", reason)));
        } catch (RuntimeException e) {
            // The rejection stands even when the audit topic is unreachable; the metric still counts it.
            log.warn("could not audit webhook rejection: {}", e.getClass().getSimpleName());
        }
    }

    /** An event type this service does not handle (likes, follows, typing indicators...). */
    public void ignored(String platform, String type) {
        meters.counter("dmdesk.intake.webhook.ignored", "platform", platform, "type", type)
                .increment();
    }
}
