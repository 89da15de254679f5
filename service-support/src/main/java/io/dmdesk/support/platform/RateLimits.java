package io.dmdesk.support.platform;

import io.dmdesk.contracts.Platform;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a platform's answer says about an account's rate limit, each platform in its own form. Intake (pulls) and
 * the notifier (sends) read it through here, so they never disagree:
 *
 * <ul>
 *   <li>X: {@code x-rate-limit-remaining}, {@code x-rate-limit-reset} in epoch seconds;
 *   <li>Bluesky: {@code ratelimit-remaining}, {@code ratelimit-reset} in epoch seconds;
 *   <li>Mastodon: {@code X-RateLimit-Remaining}, {@code X-RateLimit-Reset} as an ISO-8601 timestamp;
 *   <li>Meta (Messenger, Instagram, Facebook): the usage headers ({@link MetaUsage}), remaining in percent,
 *       regain time in minutes (at least one);
 *   <li>Telegram: no headers; a 429 body carries {@code parameters.retry_after} in seconds.
 * </ul>
 *
 * Unreadable values count as absent; what to do without a reset time is the caller's policy.
 */
public final class RateLimits {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private RateLimits() {}

    /**
     * When the account may call again, from a rate-limit answer's headers (and, for Telegram, its body).
     *
     * @param body the answer's body, or null (only Telegram's is read)
     */
    public static Optional<Instant> resetAt(Platform platform, HttpHeaders headers, String body, Instant now) {
        try {
            return switch (platform) {
                case X -> epochSeconds(headers.getFirst("x-rate-limit-reset"));
                case BLUESKY -> epochSeconds(headers.getFirst("ratelimit-reset"));
                case MASTODON -> iso(headers.getFirst("X-RateLimit-Reset"));
                case MESSENGER, INSTAGRAM, FACEBOOK ->
                    Optional.of(now.plus(MetaUsage.of(headers).regainIn()));
                case TELEGRAM -> telegramRetryAfter(body).map(now::plusSeconds);
            };
        } catch (RuntimeException unreadable) {
            return Optional.empty();
        }
    }

    /**
     * Calls left before the limit: a count (X, Bluesky, Mastodon) or, for Meta, percent of the allowance left.
     * Empty when the answer does not say (Telegram never does).
     */
    public static Optional<Integer> remaining(Platform platform, HttpHeaders headers) {
        return switch (platform) {
            case X -> count(headers.getFirst("x-rate-limit-remaining"));
            case BLUESKY -> count(headers.getFirst("ratelimit-remaining"));
            case MASTODON -> count(headers.getFirst("X-RateLimit-Remaining"));
            case MESSENGER, INSTAGRAM, FACEBOOK ->
                Optional.ofNullable(MetaUsage.of(headers).remainingPercent());
            case TELEGRAM -> Optional.empty();
        };
    }

    private static Optional<Integer> count(String value) {
        try {
            return value == null || value.isBlank() ? Optional.empty() : Optional.of(Integer.valueOf(value.trim()));
        } catch (NumberFormatException unreadable) {
            return Optional.empty();
        }
    }

    /** Telegram's {@code parameters.retry_after} (seconds, at least 1) from a 429 body. */
    public static Optional<Long> telegramRetryAfter(String body) {
        if (body == null || body.isBlank()) {
            return Optional.empty();
        }
        try {
            JsonNode retryAfter = JSON.readTree(body).path("parameters").path("retry_after");
            return retryAfter.isNumber() ? Optional.of(Math.max(1, retryAfter.asLong())) : Optional.empty();
        } catch (RuntimeException unreadable) {
            return Optional.empty();
        }
    }

    private static Optional<Instant> epochSeconds(String value) {
        return value == null || value.isBlank()
                ? Optional.empty()
                : Optional.of(Instant.ofEpochSecond(Long.parseLong(value.trim())));
    }

    private static Optional<Instant> iso(String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(value.trim()));
        } catch (DateTimeParseException notUtc) {
            return Optional.of(OffsetDateTime.parse(value.trim()).toInstant());
        }
    }
}
