package io.dmdesk.casebridge.adapter;

import io.dmdesk.contracts.TriagedReport;

/** A force's case-management system. Implementations must be idempotent per report (idempotency key). */
public interface CaseSystem {

    /** The name audit entries give as the recipient of the disclosure. */
    String name();

    /** Opens the record for a report, or returns the one already opened for it. */
    String openRecord(TriagedReport report);

    /** Adds a later revision of the report (a follow-up message, a reclassification) as a note, once per revision. */
    void addNote(String caseReference, TriagedReport revision);
}
