package io.dmdesk.contracts;

import java.time.Instant;
import java.util.List;

/**
 * Triage erased the personal data of a report; every other service erases what it holds for that report.
 * Carries ids and the reason only, never the data itself. Key on {@link Topics#DATA_ERASURE}: the report id.
 *
 * @param erasureId     deterministic per report and request, so a redelivery erases (and audits) once
 * @param messageIds    the report's message ids, for stores keyed by message
 * @param reason        {@code retention} or {@code request}
 * @param requestedBy   the service (retention) or supervisor (request) the erasure is done for
 * @param justification a supervisor's justification for a request; null for retention
 */
public record DataErasure(
        int schemaVersion,
        String erasureId,
        String reportId,
        List<String> messageIds,
        String reason,
        AuditEvent.Actor requestedBy,
        String justification,
        Instant requestedAt) {

    public static final int SCHEMA_VERSION = 1;
    public static final String RETENTION = "retention";
    public static final String REQUEST = "request";

    public DataErasure {
        messageIds = messageIds == null ? List.of() : List.copyOf(messageIds);
    }
}
