package io.dmdesk.casebridge.adapter;

/** The case system refused the report for good (4xx): retrying cannot help, so it goes to the DLQ. */
public class CaseRejectedException extends io.dmdesk.support.kafka.PermanentFailureException {

    public CaseRejectedException(String message) {
        super(message);
    }
}
