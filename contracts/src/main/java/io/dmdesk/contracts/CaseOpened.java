package io.dmdesk.contracts;

import java.time.Instant;

/** A record exists in the force's case system for a report. Key: the report id. */
public record CaseOpened(
        int schemaVersion,
        String reportId,
        String reference,
        String caseSystem,
        String caseReference,
        int revision,
        Instant openedAt) {

    public static final int SCHEMA_VERSION = 1;
}
