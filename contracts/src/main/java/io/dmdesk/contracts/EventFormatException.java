package io.dmdesk.contracts;

/**
 * A record that cannot be read as the event its topic carries. Never retried: it goes to the DLQ. Its message
 * names the event type and what was wrong where, never the record's content; it has no cause, because the JSON
 * reader's own exception quotes the input and would reach the logs with every stack trace.
 */
public class EventFormatException extends RuntimeException implements SafeMessage {

    public EventFormatException(String message) {
        super(message);
    }
}
