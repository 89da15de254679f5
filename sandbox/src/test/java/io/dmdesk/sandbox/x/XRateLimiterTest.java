package io.dmdesk.sandbox.x;

import static org.assertj.core.api.Assertions.assertThat;

import io.dmdesk.sandbox.state.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class XRateLimiterTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-24T22:30:00.500Z"));
    private final XRateLimiter limiter = new XRateLimiter(
            new XProperties(
                    List.of(),
                    new XProperties.RateLimit(2, 1, 1, Duration.ofMinutes(15)),
                    new XProperties.Webhook(null, "s")),
            clock);

    @Test
    void windowOpensWithTheFirstRequestAndResetsAtItsEndInEpochSeconds() {
        XRateLimiter.Decision first = limiter.acquire(XRateLimiter.Endpoint.DM_EVENTS, "t");
        clock.advance(Duration.ofMinutes(5));
        limiter.acquire(XRateLimiter.Endpoint.DM_EVENTS, "t");
        XRateLimiter.Decision third = limiter.acquire(XRateLimiter.Endpoint.DM_EVENTS, "t");

        assertThat(first.allowed()).isTrue();
        assertThat(first.remaining()).isEqualTo(1);
        assertThat(third.allowed()).isFalse();
        assertThat(third.remaining()).isZero();
        // 22:45:00.500 rounded up to the next whole second.
        assertThat(third.resetEpochSeconds())
                .isEqualTo(Instant.parse("2026-11-24T22:45:01Z").getEpochSecond());

        clock.advance(Duration.ofMinutes(10));
        XRateLimiter.Decision afterReset = limiter.acquire(XRateLimiter.Endpoint.DM_EVENTS, "t");
        assertThat(afterReset.allowed()).isTrue();
        assertThat(afterReset.remaining()).isEqualTo(1);
    }

    @Test
    void endpointsAndTokensHaveSeparateBudgets() {
        assertThat(limiter.acquire(XRateLimiter.Endpoint.SEND_MESSAGE, "a").allowed())
                .isTrue();
        assertThat(limiter.acquire(XRateLimiter.Endpoint.SEND_MESSAGE, "a").allowed())
                .isFalse();
        assertThat(limiter.acquire(XRateLimiter.Endpoint.SEND_MESSAGE, "b").allowed())
                .isTrue();
        assertThat(limiter.acquire(XRateLimiter.Endpoint.DM_EVENTS, "a").allowed())
                .isTrue();
    }
}
