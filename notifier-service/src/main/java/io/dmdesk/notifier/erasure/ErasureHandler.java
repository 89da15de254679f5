package io.dmdesk.notifier.erasure;

import io.dmdesk.contracts.AuditEvent;
import io.dmdesk.contracts.AuditEvent.Action;
import io.dmdesk.contracts.AuditEvent.LogCategory;
import io.dmdesk.contracts.AuditEvent.Outcome;
import io.dmdesk.contracts.DataErasure;
import io.dmdesk.notifier.ack.Notifications;
import io.dmdesk.support.audit.Auditor;
import io.dmdesk.support.crypto.DataKeyIds;
import io.dmdesk.support.crypto.DataKeyStore;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Erases what the notifier holds about the citizen of a report when triage erased it ({@code data.erasure}):
 * the recipient's id, handle and conversation id in every send intent of the report. Intents not sent yet can
 * no longer be sent and become CANNOT_REPLY_ON_CHANNEL. Kept: intent ids, kinds, states, template, language,
 * timestamps, the platform's id of what was sent. Redelivery erases nothing more and audits once.
 */
@Configuration
class ErasureHandler {

    private static final Logger log = LoggerFactory.getLogger(ErasureHandler.class);
    private static final String SERVICE = "notifier-service";
    private final Notifications notifications;
    private final Auditor auditor;
    private final Clock clock;
    private final DataKeyStore dataKeys;

    ErasureHandler(Notifications notifications, Auditor auditor, Clock clock, DataKeyStore dataKeys) {
        this.dataKeys = dataKeys;
        this.notifications = notifications;
        this.auditor = auditor;
        this.clock = clock;
    }

    @Bean
    Consumer<DataErasure> erase() {
        return this::handle;
    }

    void handle(DataErasure erasure) {
        // Triage erases the report's data keys; what this service still holds of them in memory goes now.
        dataKeys.forget(List.of(DataKeyIds.ofReport(erasure.reportId())));
        // Not sent yet: nobody to send to any more (see Notifications#erase).
        long erased = notifications.erase(erasure.reportId());
        auditor.record(new AuditEvent(
                AuditEvent.SCHEMA_VERSION,
                AuditEvent.idFor(Action.DATA_ERASED, erasure.reportId(), SERVICE + "|" + erasure.reason()),
                clock.instant(),
                erasure.requestedBy(),
                Action.DATA_ERASED,
                LogCategory.ERASURE,
                erasure.reportId(),
                erasure.reportId(),
                Outcome.SUCCESS,
                null,
                erasure.justification(),
                Map.of(
                        "reason",
                        erasure.reason(),
                        "service",
                        SERVICE,
                        "erasureId",
                        erasure.erasureId(),
                        "intentsErased",
                        String.valueOf(erased))));
        log.info("personal data of a report erased reason={} intents={}", erasure.reason(), erased);
    }
}
