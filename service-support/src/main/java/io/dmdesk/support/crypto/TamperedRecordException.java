package io.dmdesk.support.crypto;

import io.dmdesk.contracts.SafeMessage;

/** A sealed part that does not authenticate: altered on the way, or sealed under another key. Never retried. */
public class TamperedRecordException extends RuntimeException implements SafeMessage {

    public TamperedRecordException(String message) {
        super(message);
    }
}
