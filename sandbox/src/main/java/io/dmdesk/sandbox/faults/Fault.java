package io.dmdesk.sandbox.faults;

import java.time.Instant;

/**
 * What a simulated API does instead of answering normally.
 *
 * @param status  HTTP status to answer with (503 for "down", 500 for errors); 0 = answer normally after the delay
 * @param delayMs wait before answering (a slow or, beyond the client's timeout, a hanging API)
 * @param until   when the fault ends by itself; null = until cleared
 */
public record Fault(int status, long delayMs, Instant until) {

    public boolean activeAt(Instant now) {
        return until == null || now.isBefore(until);
    }
}
