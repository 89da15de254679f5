package io.dmdesk.triage.retention;

import io.dmdesk.contracts.AuditEvent;
import io.dmdesk.contracts.AuditEvent.Action;
import io.dmdesk.contracts.AuditEvent.LogCategory;
import io.dmdesk.contracts.AuditEvent.Outcome;
import io.dmdesk.contracts.DataErasure;
import io.dmdesk.support.audit.Auditor;
import io.dmdesk.support.crypto.DataKeyIds;
import io.dmdesk.support.crypto.DataKeyStore;
import io.dmdesk.support.kafka.EventPublisher;
import io.dmdesk.triage.learning.OperatorLabels;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Erases the personal data of one report: first tells the other services ({@code data.erasure}), then erases the
 * data keys of the report and its messages (crypto-shredding: every record of it on every topic becomes
 * unreadable), then triage's copy, then audits. A crash in between repeats the erasure, which every service does once (the
 * erasure id is deterministic, the store write conditional on not being erased yet).
 */
@Component
public class ReportErasure {

    static final String ERASURE_OUT = "erasure-out";

    private final ErasableReports reports;
    private final OperatorLabels labels;
    private final EventPublisher publisher;
    private final Auditor auditor;
    private final Clock clock;
    private final DataKeyStore dataKeys;

    ReportErasure(
            ErasableReports reports,
            OperatorLabels labels,
            EventPublisher publisher,
            Auditor auditor,
            Clock clock,
            DataKeyStore dataKeys) {
        this.dataKeys = dataKeys;
        this.reports = reports;
        this.labels = labels;
        this.publisher = publisher;
        this.auditor = auditor;
        this.clock = clock;
    }

    /**
     * @param requestedBy   the service (retention) or the supervisor (request)
     * @param justification required for requests, null for retention
     * @return true when this call erased the report, false when it was erased already or does not exist
     */
    public boolean erase(String reportId, String reason, AuditEvent.Actor requestedBy, String justification) {
        var messageIds = reports.messageIdsIfNotErased(reportId);
        if (messageIds.isEmpty()) {
            return false;
        }
        String erasureId = AuditEvent.idFor(Action.DATA_ERASED, reportId, reason);
        publisher.publish(
                ERASURE_OUT,
                reportId,
                new DataErasure(
                        DataErasure.SCHEMA_VERSION,
                        erasureId,
                        reportId,
                        messageIds.get(),
                        reason,
                        requestedBy,
                        justification,
                        clock.instant()));
        // Crypto-shredding: the data keys of the report and of its messages go first (before triage's copy, whose
        // erasure ends the retries), so every copy of its records on every topic, DLQ and backup stays unreadable.
        List<String> keyIds = new ArrayList<>();
        keyIds.add(DataKeyIds.ofReport(reportId));
        messageIds.get().forEach(m -> keyIds.add(DataKeyIds.ofMessage(m)));
        int keys = dataKeys.erase(keyIds, reportId, reason);
        int fields = reports.erasePersonalData(reportId, reason, clock.instant());
        // The operators' labelled examples of this report hold its redacted text: they go with it.
        long examples = labels.eraseReport(reportId);
        auditor.record(new AuditEvent(
                AuditEvent.SCHEMA_VERSION,
                AuditEvent.idFor(Action.DATA_ERASED, reportId, "triage-service|" + reason),
                clock.instant(),
                requestedBy,
                Action.DATA_ERASED,
                LogCategory.ERASURE,
                reportId,
                reportId,
                Outcome.SUCCESS,
                null,
                justification,
                Map.of(
                        "reason",
                        reason,
                        "service",
                        "triage-service",
                        "erasureId",
                        erasureId,
                        "fieldsErased",
                        String.valueOf(fields),
                        "labelledExamplesErased",
                        String.valueOf(examples),
                        "dataKeysErased",
                        String.valueOf(keys))));
        return true;
    }
}
