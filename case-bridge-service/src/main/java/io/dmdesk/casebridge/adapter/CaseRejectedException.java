package io.dmdesk.casebridge.adapter;

import io.dmdesk.support.kafka.PermanentFailureException;

/** The case system refused the report for good (4xx): retrying cannot help, so it goes to the DLQ. */
public class CaseRejectedException extends PermanentFailureException {

    public CaseRejectedException(String message) {
        super(message);
    }
}
