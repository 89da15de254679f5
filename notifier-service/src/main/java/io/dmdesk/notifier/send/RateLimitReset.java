package io.dmdesk.notifier.send;

import io.dmdesk.contracts.Platform;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * When a platform lets an account send again, read from the headers of its rate-limit answer, each in the
 * platform's own form: X {@code x-rate-limit-reset} and Bluesky {@code ratelimit-reset} in epoch seconds, Mastodon
 * {@code X-RateLimit-Reset} as an ISO-8601 timestamp, Meta {@code X-Business-Use-Case-Usage} /
 * {@code X-Page-Usage} / {@code X-App-Usage} with {@code estimated_time_to_regain_access} in minutes (at least one
 * minute when Meta gives none). Empty when the answer says nothing usable.
 */
final class RateLimitReset {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration META_DEFAULT = Duration.ofMinutes(1);

    private RateLimitReset() {
    }

    static Optional<Instant> of(Platform platform, HttpHeaders headers, Instant now) {
        try {
            return switch (platform) {
                case X -> epochSeconds(headers.getFirst("x-rate-limit-reset"));
                case BLUESKY -> epochSeconds(headers.getFirst("ratelimit-reset"));
                case MASTODON -> iso(headers.getFirst("X-RateLimit-Reset"));
                case MESSENGER, INSTAGRAM, FACEBOOK -> Optional.of(now.plus(metaRegain(headers)));
                default -> Optional.empty();
            };
        } catch (RuntimeException unreadable) {
            return Optional.empty();
        }
    }

    private static Optional<Instant> epochSeconds(String value) {
        return value == null || value.isBlank() ? Optional.empty()
                : Optional.of(Instant.ofEpochSecond(Long.parseLong(value.trim())));
    }

    private static Optional<Instant> iso(String value) {
        return value == null || value.isBlank() ? Optional.empty()
                : Optional.of(OffsetDateTime.parse(value.trim()).toInstant());
    }

    /** The longest {@code estimated_time_to_regain_access} over every usage header and id, in minutes. */
    private static Duration metaRegain(HttpHeaders headers) {
        long minutes = 0;
        for (String name : new String[] {"X-Business-Use-Case-Usage", "X-Page-Usage", "X-App-Usage"}) {
            String value = headers.getFirst(name);
            if (value == null) {
                continue;
            }
            JsonNode usage = JSON.readTree(value);
            minutes = Math.max(minutes, usage.path("estimated_time_to_regain_access").asLong(0));
            for (JsonNode perId : usage) {
                for (JsonNode entry : perId.isArray() ? perId : JSON.createArrayNode()) {
                    minutes = Math.max(minutes, entry.path("estimated_time_to_regain_access").asLong(0));
                }
            }
        }
        return minutes > 0 ? Duration.ofMinutes(minutes) : META_DEFAULT;
    }
}
