package io.dmdesk.support.kafka;

import io.dmdesk.contracts.SafeMessage;

/**
 * Retrying cannot help (a peer refused the record for good): the record goes to the DLQ at once. The message,
 * which the DLQ headers carry, names the peer and its status, never the record's content or the peer's reply.
 */
public class PermanentFailureException extends RuntimeException implements SafeMessage {

    public PermanentFailureException(String message) {
        super(message);
    }
}
