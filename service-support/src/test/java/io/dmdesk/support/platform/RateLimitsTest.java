package io.dmdesk.support.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.dmdesk.contracts.Platform;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.http.HttpHeaders;

/** One table per platform: the headers (and body) a platform answers with, and what intake and notifier read. */
class RateLimitsTest {

    private static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");

    static Stream<Arguments> resets() {
        return Stream.of(
                // platform, header name, header value, body, expected reset (null: none)
                Arguments.of(Platform.X, "x-rate-limit-reset", "1796644800", null, Instant.ofEpochSecond(1796644800)),
                Arguments.of(Platform.X, "x-rate-limit-reset", " 1796644800 ", null, Instant.ofEpochSecond(1796644800)),
                Arguments.of(Platform.X, "x-rate-limit-reset", "soon", null, null),
                Arguments.of(Platform.X, "other", "1", null, null),
                Arguments.of(
                        Platform.BLUESKY, "ratelimit-reset", "1796644800", null, Instant.ofEpochSecond(1796644800)),
                Arguments.of(Platform.BLUESKY, "x-rate-limit-reset", "1796644800", null, null),
                Arguments.of(
                        Platform.MASTODON,
                        "X-RateLimit-Reset",
                        "2026-12-07T12:05:00.000Z",
                        null,
                        Instant.parse("2026-12-07T12:05:00Z")),
                Arguments.of(
                        Platform.MASTODON,
                        "X-RateLimit-Reset",
                        "2026-12-07T13:05:00+01:00",
                        null,
                        Instant.parse("2026-12-07T12:05:00Z")),
                Arguments.of(Platform.MASTODON, "X-RateLimit-Reset", "1796644800", null, null),
                // Meta: the longest regain time over every usage header, at least a minute.
                Arguments.of(
                        Platform.MESSENGER,
                        "X-Business-Use-Case-Usage",
                        "{\"123\":[{\"type\":\"messenger\",\"call_count\":100,\"total_cputime\":10,\"total_time\":10,"
                                + "\"estimated_time_to_regain_access\":7}]}",
                        null,
                        NOW.plus(Duration.ofMinutes(7))),
                Arguments.of(
                        Platform.INSTAGRAM,
                        "X-App-Usage",
                        "{\"call_count\":100,\"total_cputime\":1,\"total_time\":1}",
                        null,
                        NOW.plus(Duration.ofMinutes(1))),
                Arguments.of(
                        Platform.FACEBOOK,
                        "X-Page-Usage",
                        "{\"call_count\":100,\"total_cputime\":1,\"total_time\":1,\"estimated_time_to_regain_access\":3}",
                        null,
                        NOW.plus(Duration.ofMinutes(3))),
                Arguments.of(Platform.FACEBOOK, "X-Page-Usage", "not json", null, NOW.plus(Duration.ofMinutes(1))),
                // Telegram: the body's parameters.retry_after, never headers.
                Arguments.of(
                        Platform.TELEGRAM,
                        "Retry-After",
                        "30",
                        "{\"ok\":false,\"error_code\":429,\"parameters\":{\"retry_after\":12}}",
                        NOW.plusSeconds(12)),
                Arguments.of(Platform.TELEGRAM, "Retry-After", "30", "{\"ok\":false,\"error_code\":429}", null),
                Arguments.of(
                        Platform.TELEGRAM,
                        "Retry-After",
                        "30",
                        "{\"parameters\":{\"retry_after\":0}}",
                        NOW.plusSeconds(1)),
                Arguments.of(Platform.TELEGRAM, "Retry-After", "30", "<html>", null));
    }

    @ParameterizedTest(name = "{0} {1}: {2} -> {4}")
    @MethodSource("resets")
    void resetTimeIsReadInEachPlatformsOwnForm(
            Platform platform, String header, String value, String body, Instant expected) {
        HttpHeaders headers = new HttpHeaders();
        headers.add(header, value);
        assertThat(RateLimits.resetAt(platform, headers, body, NOW)).isEqualTo(Optional.ofNullable(expected));
    }

    static Stream<Arguments> remaining() {
        return Stream.of(
                Arguments.of(Platform.X, "x-rate-limit-remaining", "14", 14),
                Arguments.of(Platform.X, "x-rate-limit-remaining", "lots", null),
                Arguments.of(Platform.BLUESKY, "ratelimit-remaining", "2999", 2999),
                Arguments.of(Platform.MASTODON, "X-RateLimit-Remaining", "299", 299),
                Arguments.of(
                        Platform.MASTODON, "x-ratelimit-remaining", "299", 299), // header names are case-insensitive
                // Meta: percent of the allowance left, from the highest figure of every usage header.
                Arguments.of(
                        Platform.MESSENGER,
                        "X-App-Usage",
                        "{\"call_count\":28,\"total_cputime\":40,\"total_time\":25}",
                        60),
                Arguments.of(
                        Platform.INSTAGRAM,
                        "X-Business-Use-Case-Usage",
                        "{\"1\":[{\"call_count\":5,\"total_cputime\":97,\"total_time\":5}]}",
                        3),
                Arguments.of(
                        Platform.FACEBOOK,
                        "X-Page-Usage",
                        "{\"call_count\":10,\"total_cputime\":0,\"total_time\":0}",
                        90),
                Arguments.of(Platform.FACEBOOK, "Other", "{}", null),
                Arguments.of(Platform.TELEGRAM, "x-rate-limit-remaining", "5", null));
    }

    @ParameterizedTest(name = "{0} {1}: {2} -> {3}")
    @MethodSource("remaining")
    void remainingCallsAreReadInEachPlatformsOwnForm(Platform platform, String header, String value, Integer expected) {
        HttpHeaders headers = new HttpHeaders();
        headers.add(header, value);
        assertThat(RateLimits.remaining(platform, headers)).isEqualTo(Optional.ofNullable(expected));
    }

    @ParameterizedTest(name = "Meta at {0} % is exhausted: {1}")
    @MethodSource("exhaustion")
    void metaStopsAt95Percent(int callCount, boolean exhausted) {
        HttpHeaders headers = new HttpHeaders();
        headers.add("X-App-Usage", "{\"call_count\":" + callCount + ",\"total_cputime\":0,\"total_time\":0}");
        assertThat(MetaUsage.of(headers).exhausted()).isEqualTo(exhausted);
    }

    static Stream<Arguments> exhaustion() {
        return Stream.of(Arguments.of(94, false), Arguments.of(95, true), Arguments.of(100, true));
    }
}
