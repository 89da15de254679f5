package io.dmdesk.triage.console;

import io.dmdesk.contracts.AuditEvent;
import io.dmdesk.contracts.AuditEvent.Action;
import io.dmdesk.contracts.AuditEvent.ActorType;
import io.dmdesk.contracts.AuditEvent.LogCategory;
import io.dmdesk.contracts.AuditEvent.Outcome;
import io.dmdesk.support.audit.Auditor;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Audit entries for what a person does in the console: the actor is the logged-in person, each action gets its
 * own entry (a random id: two reveals are two consultations). Ids, codes and justifications only.
 */
@Component
class PersonAudit {

    private final Auditor auditor;
    private final Clock clock;

    PersonAudit(Auditor auditor, Clock clock) {
        this.auditor = auditor;
        this.clock = clock;
    }

    void record(
            String person,
            Action action,
            LogCategory category,
            String reportId,
            String recipient,
            String justification,
            Map<String, String> details) {
        auditor.record(new AuditEvent(
                AuditEvent.SCHEMA_VERSION,
                UUID.randomUUID().toString(),
                clock.instant(),
                new AuditEvent.Actor(ActorType.PERSON, person),
                action,
                category,
                reportId,
                reportId,
                Outcome.SUCCESS,
                recipient,
                justification,
                details));
    }

    /** An action on something other than one report (an export of many): {@code subject} names it. */
    void recordOn(
            String person,
            Action action,
            LogCategory category,
            String subject,
            String recipient,
            String justification,
            Map<String, String> details) {
        auditor.record(new AuditEvent(
                AuditEvent.SCHEMA_VERSION,
                UUID.randomUUID().toString(),
                clock.instant(),
                new AuditEvent.Actor(ActorType.PERSON, person),
                action,
                category,
                subject,
                null,
                Outcome.SUCCESS,
                recipient,
                justification,
                details));
    }
}
