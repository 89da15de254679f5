package io.dmdesk.notifier.erasure;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.dmdesk.contracts.AuditEvent;
import io.dmdesk.contracts.AuditEvent.Action;
import io.dmdesk.contracts.AuditEvent.LogCategory;
import io.dmdesk.contracts.AuditEvent.Outcome;
import io.dmdesk.contracts.DataErasure;
import io.dmdesk.support.audit.Auditor;
import io.dmdesk.support.mongo.MongoStore;
import java.time.Clock;
import java.util.Date;
import io.dmdesk.support.crypto.DataKeyIds;
import io.dmdesk.support.crypto.DataKeyStore;
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
    /** Intent fields that identify the citizen on the platform. */
    static final List<String> PERSONAL = List.of("recipientId", "recipientHandle", "conversationId");

    private final MongoStore store;
    private final Auditor auditor;
    private final Clock clock;
    private final DataKeyStore dataKeys;

    ErasureHandler(MongoStore store, Auditor auditor, Clock clock, DataKeyStore dataKeys) {
        this.dataKeys = dataKeys;
        this.store = store;
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
        var notifications = store.collection("notifications");
        var ofReport = Filters.and(Filters.eq("reportId", erasure.reportId()), Filters.exists("erasedAt", false));
        // Not sent yet: nobody to send to any more.
        store.await(notifications.updateMany(Filters.and(ofReport, Filters.in("state", io.dmdesk.notifier.ack.Notifications.PENDING, io.dmdesk.notifier.ack.Notifications.WAITING)),
                Updates.combine(Updates.set("state", io.dmdesk.notifier.ack.Notifications.CANNOT_REPLY),
                        Updates.set("reason", "personal data erased"))));
        long erased = store.await(notifications.updateMany(ofReport, Updates.combine(
                Updates.combine(PERSONAL.stream().map(Updates::unset).toList()),
                Updates.set("erasedAt", Date.from(clock.instant()))))).getModifiedCount();
        auditor.record(new AuditEvent(AuditEvent.SCHEMA_VERSION,
                AuditEvent.idFor(Action.DATA_ERASED, erasure.reportId(), SERVICE + "|" + erasure.reason()),
                clock.instant(), erasure.requestedBy(), Action.DATA_ERASED, LogCategory.ERASURE, erasure.reportId(),
                erasure.reportId(), Outcome.SUCCESS, null, erasure.justification(), Map.of("reason", erasure.reason(),
                "service", SERVICE, "erasureId", erasure.erasureId(), "intentsErased", String.valueOf(erased))));
        log.info("personal data of a report erased reason={} intents={}", erasure.reason(), erased);
    }
}
