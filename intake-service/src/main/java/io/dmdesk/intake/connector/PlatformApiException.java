package io.dmdesk.intake.connector;

import java.time.Instant;

/** A platform API answered with an error the connector must react to. */
public class PlatformApiException extends RuntimeException {

    private final ConnectorState state;
    private final Instant retryAfter;

    public PlatformApiException(ConnectorState state, String message, Instant retryAfter) {
        super(message);
        this.state = state;
        this.retryAfter = retryAfter;
    }

    public ConnectorState state() {
        return state;
    }

    /** When the platform allows the next call (rate limits), or null. */
    public Instant retryAfter() {
        return retryAfter;
    }
}
