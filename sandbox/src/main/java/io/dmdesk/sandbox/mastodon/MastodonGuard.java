package io.dmdesk.sandbox.mastodon;

import io.dmdesk.sandbox.faults.RequestLog;
import io.dmdesk.sandbox.state.Timestamps;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Authenticates the bearer token, counts the request against a 5-minute window and answers with Mastodon's
 * headers: {@code X-RateLimit-Limit}, {@code X-RateLimit-Remaining}, {@code X-RateLimit-Reset} as an ISO-8601
 * timestamp (not epoch seconds, unlike X). Faults: expired token, a 429 burst.
 */
@Component
class MastodonGuard {

    static final String EXPIRED_TOKEN = "expired-token";
    static final String RATE_LIMIT = "rate-limit";
    private static final Duration WINDOW = Duration.ofMinutes(5);

    private final MastodonProperties properties;
    private final Clock clock;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();
    private final Set<String> expired = ConcurrentHashMap.newKeySet();
    private final Map<String, Instant> limitedUntil = new ConcurrentHashMap<>();

    private final RequestLog requests;

    MastodonGuard(MastodonProperties properties, Clock clock, RequestLog requests) {
        this.properties = properties;
        this.clock = clock;
        this.requests = requests;
    }

    Optional<MastodonProperties.Account> byUsername(String username) {
        String wanted = username == null ? "" : username.replaceFirst("^@", "").toLowerCase(Locale.ROOT);
        return properties.accounts().stream()
                .filter(a -> a.username().toLowerCase(Locale.ROOT).equals(wanted))
                .findFirst();
    }

    void fault(String fault, MastodonProperties.Account account, boolean enabled) {
        if (EXPIRED_TOKEN.equals(fault)) {
            if (enabled) {
                expired.add(account.id());
            } else {
                expired.remove(account.id());
            }
        } else if (enabled) {
            limitedUntil.put(account.id(), clock.instant().plusSeconds(2));
        } else {
            limitedUntil.remove(account.id());
        }
    }

    Caller admit(String authorization) {
        Optional<MastodonProperties.Account> known = properties.accounts().stream()
                .filter(a -> ("Bearer " + a.token()).equals(authorization))
                .findFirst();
        known.filter(a -> expired.contains(a.id()))
                .ifPresent(a -> requests.rejected("mastodon", a.username(), "account"));
        MastodonProperties.Account account = known.filter(a -> !expired.contains(a.id()))
                .orElseThrow(() -> new MastodonApiException(
                        HttpStatus.UNAUTHORIZED, "The access token is invalid", new HttpHeaders()));
        Instant now = clock.instant();
        Window w = windows.compute(
                account.token(),
                (k, cur) -> cur == null || !now.isBefore(cur.end())
                        ? new Window(now.plus(WINDOW), 1)
                        : new Window(cur.end(), cur.used() + 1));
        Instant limited = limitedUntil.get(account.id());
        boolean burst = limited != null && now.isBefore(limited);
        HttpHeaders headers = new HttpHeaders();
        headers.set("X-RateLimit-Limit", Integer.toString(properties.rateLimit()));
        headers.set(
                "X-RateLimit-Remaining", Integer.toString(burst ? 0 : Math.max(0, properties.rateLimit() - w.used())));
        headers.set("X-RateLimit-Reset", Timestamps.iso(burst ? limited : w.end()));
        if (burst || w.used() > properties.rateLimit()) {
            // What the client reads: the ISO-8601 header, millisecond precision.
            requests.rateLimited(
                    "mastodon",
                    account.username(),
                    "account",
                    OffsetDateTime.parse(headers.getFirst("X-RateLimit-Reset")).toInstant());
            throw new MastodonApiException(HttpStatus.TOO_MANY_REQUESTS, "Too many requests", headers);
        }
        requests.admitted("mastodon", account.username(), "account");
        return new Caller(account, headers);
    }

    record Caller(MastodonProperties.Account account, HttpHeaders headers) {}

    private record Window(Instant end, int used) {}
}
