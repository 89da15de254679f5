package io.dmdesk.contracts;

/** A record that cannot be read as the event its topic carries. Never retried: it goes to the DLQ. */
public class EventFormatException extends RuntimeException {

    public EventFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
