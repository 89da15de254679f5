package io.dmdesk.support.audit;

import io.dmdesk.contracts.AuditEvent;
import io.dmdesk.contracts.AuditEvent.Action;
import io.dmdesk.contracts.AuditEvent.Actor;
import io.dmdesk.contracts.AuditEvent.LogCategory;
import io.dmdesk.contracts.AuditEvent.Outcome;
import io.dmdesk.support.kafka.EventPublisher;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;

/**
 * Writes one audit event per step this service performs. Pipeline steps get deterministic ids, so a
 * redelivered step is stored once. Callers pass ids and codes only: never message text or identifiers.
 */
public class Auditor {

    public static final String BINDING = "audit-out";

    private final EventPublisher publisher;
    private final Clock clock;
    private final Actor self;

    public Auditor(EventPublisher publisher, Clock clock, String serviceName) {
        this.publisher = publisher;
        this.clock = clock;
        this.self = Actor.service(serviceName);
    }

    /** A pipeline step by this service, identified by action, subject and a discriminator (e.g. revision). */
    public void step(
            Action action,
            LogCategory category,
            String subjectId,
            String reportId,
            String discriminator,
            String recipient,
            Map<String, String> details) {
        record(new AuditEvent(
                AuditEvent.SCHEMA_VERSION,
                AuditEvent.idFor(action, subjectId, discriminator),
                clock.instant(),
                self,
                action,
                category,
                subjectId,
                reportId,
                Outcome.SUCCESS,
                recipient,
                null,
                details));
    }

    /** A failed step: stored every time it happens (random id), so repeated failures are visible. */
    public void failure(Action action, LogCategory category, String subjectId, String reportId, String reason) {
        record(new AuditEvent(
                AuditEvent.SCHEMA_VERSION,
                UUID.randomUUID().toString(),
                clock.instant(),
                self,
                action,
                category,
                subjectId,
                reportId,
                Outcome.FAILURE,
                null,
                null,
                Map.of("reason", reason)));
    }

    public void record(AuditEvent event) {
        String key = event.reportId() != null ? event.reportId() : event.subjectId();
        publisher.publish(BINDING, key, event);
    }
}
