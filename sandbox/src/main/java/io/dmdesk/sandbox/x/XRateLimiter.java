package io.dmdesk.sandbox.x;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;

/**
 * Fixed windows per token and endpoint, as X counts them: the window opens with the first request and
 * {@code x-rate-limit-reset} is its end in epoch seconds. Lets pollers be tested against real back-off.
 */
@Component
class XRateLimiter {

    /** POSTS (POST /2/tweets) shares the send limit in the sandbox. */
    enum Endpoint {
        DM_EVENTS,
        SEND_MESSAGE,
        MENTIONS,
        POSTS
    }

    private final XProperties.RateLimit config;
    private final Clock clock;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    XRateLimiter(XProperties properties, Clock clock) {
        this.config = properties.rateLimit();
        this.clock = clock;
    }

    /** Counts one request and tells whether it may proceed, with the headers X sends either way. */
    Decision acquire(Endpoint endpoint, String token) {
        int limit = switch (endpoint) {
            case DM_EVENTS -> config.dmEvents();
            case SEND_MESSAGE, POSTS -> config.sendMessages();
            case MENTIONS -> config.mentions();
        };
        long now = clock.millis();
        Window window = windows.compute(endpoint + ":" + token, (key, current) -> {
            if (current == null || now >= current.endMillis()) {
                return new Window(now + config.window().toMillis(), 1);
            }
            return new Window(current.endMillis(), current.used() + 1);
        });
        boolean allowed = window.used() <= limit;
        int remaining = Math.max(0, limit - window.used());
        // Rounded up so a client sleeping until reset never wakes before the window has ended.
        long resetEpochSeconds = (window.endMillis() + 999) / 1000;
        return new Decision(allowed, limit, remaining, resetEpochSeconds);
    }

    private record Window(long endMillis, int used) {}

    record Decision(boolean allowed, int limit, int remaining, long resetEpochSeconds) {

        HttpHeaders headers() {
            HttpHeaders headers = new HttpHeaders();
            headers.set("x-rate-limit-limit", Integer.toString(limit));
            headers.set("x-rate-limit-remaining", Integer.toString(remaining));
            headers.set("x-rate-limit-reset", Long.toString(resetEpochSeconds));
            return headers;
        }
    }
}
