package io.dmdesk.intake.mastodon;

import io.dmdesk.contracts.Platform;
import io.dmdesk.intake.connector.PlatformApiException;
import io.dmdesk.support.accounts.AccountsProperties.Account;
import io.dmdesk.support.platform.AccountState;
import io.dmdesk.support.platform.RateLimits;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientResponseException;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * {@code GET /api/v1/notifications?types[]=mention}. Paging follows the Link header: {@code rel="prev"} holds
 * the {@code min_id} of the next newer page. {@code X-RateLimit-Reset} is an ISO-8601 timestamp.
 */
class MastodonApiClient {

    static final int MAX_LIMIT = 80;
    private static final Pattern LINK = Pattern.compile("<([^>]+)>\\s*;\\s*rel=\"([a-z]+)\"");

    private final WebClient http;
    private final URI baseUrl;
    private final Duration timeout;
    private final Clock clock;

    MastodonApiClient(WebClient http, URI baseUrl, Duration timeout, Clock clock) {
        this.http = http;
        this.baseUrl = baseUrl;
        this.timeout = timeout;
        this.clock = clock;
    }

    /** @param minId the page right after this notification id (newest first within the page), or null for the newest */
    Page mentions(Account account, String minId) {
        return mentions(account, minId, null);
    }

    /**
     * @param minId the page right after this notification id, or null
     * @param maxId the page right before (older than) this notification id, or null; used to walk back on first connect
     */
    Page mentions(Account account, String minId, String maxId) {
        UriComponentsBuilder uri = UriComponentsBuilder.fromUri(baseUrl)
                .path("/api/v1/notifications")
                .queryParam("types[]", "mention")
                .queryParam("limit", MAX_LIMIT);
        if (minId != null) {
            uri.queryParam("min_id", minId);
        }
        if (maxId != null) {
            uri.queryParam("max_id", maxId);
        }
        try {
            ResponseEntity<List<MastodonNotification>> response = http.get()
                    .uri(uri.encode().build().toUri())
                    .header(HttpHeaders.AUTHORIZATION, "Bearer " + account.token())
                    .retrieve()
                    .toEntity(new ParameterizedTypeReference<List<MastodonNotification>>() {})
                    .block(timeout);
            if (response == null || response.getBody() == null) {
                throw new PlatformApiException(AccountState.DEGRADED, "empty answer from Mastodon", null);
            }
            String link = response.getHeaders().getFirst(HttpHeaders.LINK);
            return new Page(
                    response.getBody(),
                    prevMinId(link),
                    linkParam(link, "next", "max_id"),
                    remaining(response.getHeaders()));
        } catch (WebClientResponseException e) {
            throw translate(e);
        }
    }

    /** The {@code min_id} of the Link header's {@code rel="prev"} URL (the newer page), if any. */
    static Optional<String> prevMinId(String link) {
        return linkParam(link, "prev", "min_id");
    }

    /** A query parameter of the Link header's URL with this rel ({@code next}: the older page's {@code max_id}). */
    static Optional<String> linkParam(String link, String rel, String param) {
        if (link == null) {
            return Optional.empty();
        }
        Matcher m = LINK.matcher(link);
        while (m.find()) {
            if (rel.equals(m.group(2))) {
                return Optional.ofNullable(UriComponentsBuilder.fromUriString(m.group(1))
                        .build()
                        .getQueryParams()
                        .getFirst(param));
            }
        }
        return Optional.empty();
    }

    private PlatformApiException translate(WebClientResponseException e) {
        int status = e.getStatusCode().value();
        if (status == 401 || status == 403) {
            return new PlatformApiException(
                    AccountState.CREDENTIALS_INVALID,
                    "Mastodon answered " + status + ": access token invalid or lacking read:notifications",
                    null);
        }
        if (status == 429) {
            return new PlatformApiException(AccountState.RATE_LIMITED, "Mastodon rate limit", reset(e.getHeaders()));
        }
        return new PlatformApiException(AccountState.DEGRADED, "Mastodon answered " + status, null);
    }

    /** ISO-8601, unlike X's epoch seconds (see {@link RateLimits}); a minute's back-off when absent or unreadable. */
    private Instant reset(HttpHeaders headers) {
        return RateLimits.resetAt(Platform.MASTODON, headers, null, clock.instant())
                .orElse(clock.instant().plusSeconds(60));
    }

    private static Integer remaining(HttpHeaders headers) {
        return RateLimits.remaining(Platform.MASTODON, headers).orElse(null);
    }

    record Page(
            List<MastodonNotification> newestFirst,
            Optional<String> prevMinId,
            Optional<String> nextMaxId,
            Integer rateLimitRemaining) {

        List<MastodonNotification> oldestFirst() {
            MastodonNotification[] copy = newestFirst.toArray(MastodonNotification[]::new);
            Collections.reverse(Arrays.asList(copy));
            return List.of(copy);
        }
    }
}
