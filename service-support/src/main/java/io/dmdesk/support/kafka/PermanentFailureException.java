package io.dmdesk.support.kafka;

/** Retrying cannot help (a peer refused the record for good): the record goes to the DLQ at once. */
public class PermanentFailureException extends RuntimeException {

    public PermanentFailureException(String message) {
        super(message);
    }
}
