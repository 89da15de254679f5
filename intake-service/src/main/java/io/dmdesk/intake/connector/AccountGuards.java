package io.dmdesk.intake.connector;

import io.dmdesk.support.platform.AccountState;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.retry.RetryRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClientRequestException;

/**
 * One rate limiter, retry and circuit breaker per account. Rate-limited answers are not failures (the poller
 * waits for the platform's reset instead); transient ones are retried with back-off; repeated auth or server
 * failures open the circuit, so a revoked token is asked about once per {@code open-wait}, not every poll.
 */
@Component
class AccountGuards {

    private final CircuitBreakerRegistry breakers;
    private final RetryRegistry retries;
    private final RateLimiterRegistry limiters;

    AccountGuards(ResilienceProperties properties, MeterRegistry meters) {
        this.breakers = CircuitBreakerRegistry.of(CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(properties.failuresToOpen())
                .minimumNumberOfCalls(properties.failuresToOpen())
                .failureRateThreshold(100)
                .waitDurationInOpenState(properties.openWait())
                .permittedNumberOfCallsInHalfOpenState(1)
                .ignoreException(e -> e instanceof PlatformApiException p && p.state() == AccountState.RATE_LIMITED)
                .build());
        this.retries = RetryRegistry.of(RetryConfig.custom()
                .maxAttempts(Math.max(1, properties.retryAttempts()))
                .intervalFunction(IntervalFunction.ofExponentialBackoff(properties.retryBackoff(), 2.0))
                .retryOnException(AccountGuards::transient_)
                .build());
        this.limiters = RateLimiterRegistry.of(RateLimiterConfig.custom()
                .limitForPeriod(Math.max(1, properties.callsPerSecond()))
                .limitRefreshPeriod(Duration.ofSeconds(1))
                .timeoutDuration(Duration.ZERO)
                .build());
        TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(breakers).bindTo(meters);
    }

    /**
     * Runs one pull of one stream under the account's guards.
     *
     * @return false when the pull was skipped (circuit open or over the account's call budget)
     */
    boolean run(String accountId, Runnable pull) {
        RateLimiter limiter = limiters.rateLimiter(accountId);
        if (!limiter.acquirePermission()) {
            return false;
        }
        CircuitBreaker breaker = breakers.circuitBreaker(accountId);
        Retry retry = retries.retry(accountId);
        Supplier<Void> guarded = CircuitBreaker.decorateSupplier(breaker, Retry.decorateSupplier(retry, () -> {
            pull.run();
            return null;
        }));
        try {
            guarded.get();
            return true;
        } catch (CallNotPermittedException open) {
            return false;
        }
    }

    /** 5xx, timeouts and connection failures may pass; a rejected token or a rate limit will not within seconds. */
    private static boolean transient_(Throwable e) {
        return (e instanceof PlatformApiException p && p.state() == AccountState.DEGRADED)
                || e instanceof WebClientRequestException
                || e instanceof IllegalStateException
                        && e.getMessage() != null
                        && e.getMessage().contains("Timeout");
    }
}
