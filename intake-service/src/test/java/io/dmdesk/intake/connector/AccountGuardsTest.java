package io.dmdesk.intake.connector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dmdesk.support.platform.AccountState;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class AccountGuardsTest {

    final AccountGuards guards = new AccountGuards(
            new ResilienceProperties(100, 3, Duration.ofMillis(1), 3, Duration.ofMinutes(5)),
            new SimpleMeterRegistry());

    @Test
    void revokedTokenOpensTheAccountsCircuitSoThePlatformIsNotHammered() {
        AtomicInteger calls = new AtomicInteger();
        Runnable revoked = () -> {
            calls.incrementAndGet();
            throw new PlatformApiException(AccountState.CREDENTIALS_INVALID, "401", null);
        };
        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> guards.run("a", revoked)).isInstanceOf(PlatformApiException.class);
        }
        assertThat(guards.run("a", revoked)).isFalse();
        assertThat(calls).hasValue(3); // not retried, and skipped once open
        assertThat(guards.run("b", () -> {})).isTrue(); // other accounts unaffected
    }

    @Test
    void rateLimitsNeitherRetryNorOpenTheCircuit() {
        AtomicInteger calls = new AtomicInteger();
        for (int i = 0; i < 5; i++) {
            assertThatThrownBy(() -> guards.run("c", () -> {
                        calls.incrementAndGet();
                        throw new PlatformApiException(AccountState.RATE_LIMITED, "429", null);
                    }))
                    .isInstanceOf(PlatformApiException.class);
        }
        assertThat(calls).hasValue(5);
        assertThat(guards.run("c", () -> {})).isTrue();
    }

    @Test
    void transientServerErrorsAreRetriedWithBackoff() {
        AtomicInteger calls = new AtomicInteger();
        assertThat(guards.run("d", () -> {
                    if (calls.incrementAndGet() < 3) {
                        throw new PlatformApiException(AccountState.DEGRADED, "503", null);
                    }
                }))
                .isTrue();
        assertThat(calls).hasValue(3);
    }
}
