package io.dmdesk.notifier.send;

import io.dmdesk.contracts.Platform;
import io.dmdesk.support.accounts.AccountsProperties.Account;
import io.dmdesk.support.errors.DependencyUnavailableException;
import io.dmdesk.support.platform.AccountState;
import io.dmdesk.support.platform.RateLimits;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Supplier;
import org.springframework.web.reactive.function.client.WebClientRequestException;
import org.springframework.web.reactive.function.client.WebClientResponseException;
import reactor.core.Exceptions;

/**
 * One blocking platform call with the failure mapping all senders share. A rate-limit answer's reset (see
 * {@link RateLimits}) is kept per account, and until it passes no call is made for that account at all: the
 * intent waits in Kafka and is retried, so the sender never sends before the platform's reset. WebClient exceptions name the URL,
 * and some platforms put the token in it (Telegram), so they are never attached as causes nor logged: what
 * is thrown carries only the platform, the account id and the HTTP status.
 */
final class SendCalls {

    static final Duration TIMEOUT = Duration.ofSeconds(10);

    private SendCalls() {}

    /**
     * @param classify platform-specific reading of an error answer; null falls back to the common mapping
     *                 (401/403 credentials, 429 rate limit, other 4xx unreachable recipient, 5xx outage)
     */
    static <T> T call(
            SenderHealth health,
            Platform platform,
            Account from,
            Supplier<T> request,
            Function<WebClientResponseException, RuntimeException> classify) {
        String name = platform.code();
        Optional<Instant> limited = health.limitedUntil(from.id());
        if (limited.isPresent()) {
            // The platform named when this account may send again; asking before then would only be refused.
            throw new DependencyUnavailableException(
                    name + " rate limit for " + from.id() + " until " + limited.get(), null);
        }
        try {
            T answer = request.get();
            health.report(name, from.id(), AccountState.UP, null);
            return answer;
        } catch (WebClientResponseException e) {
            RuntimeException specific = classify == null ? null : classify.apply(e);
            if (specific != null) {
                throw specific;
            }
            int status = e.getStatusCode().value();
            if (status == 401) {
                health.report(
                        name,
                        from.id(),
                        AccountState.CREDENTIALS_INVALID,
                        name + " answered 401: token expired or revoked");
                throw new DependencyUnavailableException(name + " credentials invalid for " + from.id(), null);
            }
            if (status == 429) {
                Optional<Instant> reset = RateLimits.resetAt(platform, e.getHeaders(), null, health.now());
                reset.ifPresent(until -> health.limitUntil(from.id(), until));
                health.report(
                        name,
                        from.id(),
                        AccountState.RATE_LIMITED,
                        name + " rate limit"
                                + reset.map(until -> ", resets " + until).orElse(""));
                throw new DependencyUnavailableException(name + " rate limit for " + from.id(), null);
            }
            if (e.getStatusCode().is4xxClientError()) {
                throw new RecipientUnreachableException(name + " refused the message: " + status);
            }
            health.report(name, from.id(), AccountState.DEGRADED, name + " answered " + status);
            throw new DependencyUnavailableException(name + " answered " + status, null);
        } catch (WebClientRequestException e) {
            health.report(name, from.id(), AccountState.DEGRADED, name + " unreachable");
            throw new DependencyUnavailableException(name + " unreachable", null);
        } catch (RuntimeException e) {
            if (Exceptions.unwrap(e) instanceof TimeoutException) {
                health.report(name, from.id(), AccountState.DEGRADED, name + " timed out");
                throw new DependencyUnavailableException(name + " did not answer in " + TIMEOUT, null);
            }
            throw e;
        }
    }
}
