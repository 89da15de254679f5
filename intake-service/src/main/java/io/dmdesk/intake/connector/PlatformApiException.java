package io.dmdesk.intake.connector;

import io.dmdesk.support.platform.AccountState;
import java.time.Instant;

/** A platform API answered with an error the connector must react to. */
public class PlatformApiException extends RuntimeException {

    private final AccountState state;
    private final Instant retryAfter;

    public PlatformApiException(AccountState state, String message, Instant retryAfter) {
        super(message);
        this.state = state;
        this.retryAfter = retryAfter;
    }

    public AccountState state() {
        return state;
    }

    /** When the platform allows the next call (rate limits), or null. */
    public Instant retryAfter() {
        return retryAfter;
    }
}
