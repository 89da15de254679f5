package io.dmdesk.notifier.send;

/** The platform refuses messages to this person on this channel (blocked, DMs closed, window expired). */
public class RecipientUnreachableException extends RuntimeException {

    public RecipientUnreachableException(String message) {
        super(message);
    }
}
