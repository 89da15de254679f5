package io.dmdesk.support.session;

import io.dmdesk.contracts.AuditEvent;
import io.dmdesk.contracts.AuditEvent.Action;
import io.dmdesk.contracts.AuditEvent.Actor;
import io.dmdesk.contracts.AuditEvent.ActorType;
import io.dmdesk.contracts.AuditEvent.LogCategory;
import io.dmdesk.contracts.AuditEvent.Outcome;
import io.dmdesk.support.audit.Auditor;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Audits a signed-in session that ended by timeout (ACCESS, SESSION_EXPIRED), named like its sign-in: the person as
 * actor and the session by the first 16 hex digits of its id's SHA-256. An anonymous session's end is not audited.
 */
public class SessionExpiries {

    private final Auditor auditor;
    private final Clock clock;
    private final String service;

    /** @param auditor null in a service without Kafka publishing: nothing is audited then */
    public SessionExpiries(Auditor auditor, Clock clock, String service) {
        this.auditor = auditor;
        this.clock = clock;
        this.service = service;
    }

    Mono<Void> expired(StoredSession session, String reason) {
        if (auditor == null || session.signedIn() == null) {
            return Mono.empty();
        }
        String person = session.signedIn().name();
        Map<String, String> details = new LinkedHashMap<>();
        details.put("service", service);
        details.put("method", session.signedIn().method());
        details.put("session", session.idHash().substring(0, 16));
        details.put("reason", reason);
        AuditEvent event = new AuditEvent(
                AuditEvent.SCHEMA_VERSION,
                UUID.randomUUID().toString(),
                clock.instant(),
                new Actor(ActorType.PERSON, person),
                Action.SESSION_EXPIRED,
                LogCategory.ACCESS,
                "account:" + person,
                null,
                Outcome.SUCCESS,
                null,
                null,
                details);
        // The publish waits for the broker: off the event loop.
        return Mono.fromRunnable(() -> auditor.record(event))
                .subscribeOn(Schedulers.boundedElastic())
                .then();
    }
}
