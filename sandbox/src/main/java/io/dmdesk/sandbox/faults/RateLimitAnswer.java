package io.dmdesk.sandbox.faults;

import io.dmdesk.sandbox.state.Timestamps;
import java.time.Duration;
import java.time.Instant;
import org.springframework.http.HttpHeaders;

/**
 * An injected rate limit ({@code "status":429}) answered as each platform answers one, with its reset in the
 * platform's own header form; the reset is when the fault ends (a minute from now when it has no end):
 * X 429 with {@code x-rate-limit-reset} (epoch seconds); Mastodon 429 with {@code X-RateLimit-Reset} (ISO-8601);
 * Bluesky 429 {@code RateLimitExceeded} with {@code ratelimit-reset} (epoch seconds); Telegram 429 with
 * {@code parameters.retry_after} (seconds); Meta 400 Graph error code 80006 with {@code X-Business-Use-Case-Usage}
 * {@code estimated_time_to_regain_access} (whole minutes, rounded up) for Send API posts, and for Graph reads
 * ({@link #graphRead}) 400 with page-level throttling code 32, {@code X-App-Usage} and
 * {@code X-Business-Use-Case-Usage} at 100 % and the same regain minutes; the case system 429 with
 * {@code Retry-After} (seconds).
 */
public record RateLimitAnswer(int status, HttpHeaders headers, String body) {

    /** Whole minutes Meta announces as {@code estimated_time_to_regain_access} for a fault ending at its until. */
    static long regainMinutes(Fault fault, Instant now) {
        Instant until = fault.until() == null ? now.plusSeconds(60) : fault.until();
        long seconds = Math.max(1, (Duration.between(now, until).toMillis() + 999) / 1000);
        return Math.max(1, (seconds + 59) / 60);
    }

    /**
     * A throttled Graph API read (GET conversations, feed, media) of a page: Graph answers throttling with 400 and
     * an OAuthException code (4 app, 17 user, 32 page, 613 custom, 80001 Pages/Messenger page-level), and the usage
     * headers at 100 % with {@code estimated_time_to_regain_access} in whole minutes. Page tokens fall under the
     * business use case limits, so the page-level answer: code 32 with the page's BUC entry.
     */
    public static RateLimitAnswer graphRead(String pageId, long minutes) {
        HttpHeaders headers = new HttpHeaders();
        headers.set("X-App-Usage", "{\"call_count\":100,\"total_cputime\":100,\"total_time\":100}");
        headers.set(
                "X-Business-Use-Case-Usage",
                "{\"" + pageId + "\":[{\"type\":\"pages\",\"call_count\":100,"
                        + "\"total_cputime\":100,\"total_time\":100,\"estimated_time_to_regain_access\":" + minutes
                        + "}]}");
        return new RateLimitAnswer(
                400,
                headers,
                "{\"error\":{\"message\":\"(#32) Page request limit reached\","
                        + "\"type\":\"OAuthException\",\"code\":32,\"fbtrace_id\":\"sandbox\"}}");
    }

    static RateLimitAnswer of(String path, Fault fault, Instant now) {
        Instant until = fault.until() == null ? now.plusSeconds(60) : fault.until();
        long epoch = (until.toEpochMilli() + 999) / 1000;
        long seconds = Math.max(1, (Duration.between(now, until).toMillis() + 999) / 1000);
        HttpHeaders headers = new HttpHeaders();
        if (path.startsWith("/x/")) {
            headers.set("x-rate-limit-limit", "15");
            headers.set("x-rate-limit-remaining", "0");
            headers.set("x-rate-limit-reset", Long.toString(epoch));
            return new RateLimitAnswer(
                    429,
                    headers,
                    "{\"title\":\"Too Many Requests\",\"detail\":\"Too Many Requests\","
                            + "\"type\":\"about:blank\",\"status\":429}");
        }
        if (path.startsWith("/mastodon/")) {
            headers.set("X-RateLimit-Limit", "300");
            headers.set("X-RateLimit-Remaining", "0");
            headers.set("X-RateLimit-Reset", Timestamps.iso(until));
            return new RateLimitAnswer(429, headers, "{\"error\":\"Too many requests\"}");
        }
        if (path.startsWith("/bluesky/")) {
            headers.set("ratelimit-limit", "3000");
            headers.set("ratelimit-remaining", "0");
            headers.set("ratelimit-reset", Long.toString(epoch));
            return new RateLimitAnswer(
                    429, headers, "{\"error\":\"RateLimitExceeded\",\"message\":\"Rate Limit Exceeded\"}");
        }
        if (path.startsWith("/telegram/")) {
            return new RateLimitAnswer(
                    429,
                    headers,
                    "{\"ok\":false,\"error_code\":429,\"description\":\"Too Many " + "Requests: retry after " + seconds
                            + "\",\"parameters\":{\"retry_after\":" + seconds + "}}");
        }
        if (path.startsWith("/meta/")) {
            long minutes = regainMinutes(fault, now);
            headers.set(
                    "X-Business-Use-Case-Usage",
                    "{\"610000000000001\":[{\"type\":\"messenger\",\"call_count\":100,"
                            + "\"total_cputime\":30,\"total_time\":40,\"estimated_time_to_regain_access\":" + minutes
                            + "}]}");
            return new RateLimitAnswer(
                    400,
                    headers,
                    "{\"error\":{\"message\":\"(#80006) There have been too many "
                            + "messages sent to this Messenger user. Please wait a while before sending more messages.\","
                            + "\"type\":\"OAuthException\",\"code\":80006,\"fbtrace_id\":\"sandbox\"}}");
        }
        headers.set("Retry-After", Long.toString(seconds));
        return new RateLimitAnswer(429, headers, "{\"error\":\"rate_limited\"}");
    }
}
