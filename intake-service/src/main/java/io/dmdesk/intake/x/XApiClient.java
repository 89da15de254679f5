package io.dmdesk.intake.x;

import io.dmdesk.contracts.Platform;
import io.dmdesk.intake.connector.PlatformApiException;
import io.dmdesk.support.accounts.AccountsProperties.Account;
import io.dmdesk.support.platform.AccountState;
import io.dmdesk.support.platform.RateLimits;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.function.Function;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientResponseException;
import org.springframework.web.util.UriComponents;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * X API v2 direct-message events and mentions. {@code dm_event.fields} must be asked for explicitly: without it X returns
 * only id, event_type and text, and the connector could not tell who wrote or in which conversation.
 */
class XApiClient {

    static final String TWEET_FIELDS =
            "id,text,author_id,created_at,conversation_id,in_reply_to_user_id,referenced_tweets,attachments";
    static final String DM_EVENT_FIELDS =
            "id,text,event_type,created_at,dm_conversation_id,sender_id,participant_ids,attachments";

    private final WebClient http;
    private final URI baseUrl;
    private final Duration timeout;
    private final Clock clock;
    /** The account's current user token: renewed ones from the credential store, else the configured one. */
    private final Function<Account, String> tokens;

    XApiClient(WebClient http, URI baseUrl, Duration timeout, Clock clock) {
        this(http, baseUrl, timeout, clock, Account::token);
    }

    XApiClient(WebClient http, URI baseUrl, Duration timeout, Clock clock, Function<Account, String> tokens) {
        this.http = http;
        this.baseUrl = baseUrl;
        this.timeout = timeout;
        this.clock = clock;
        this.tokens = tokens;
    }

    /** A page of the account's DM events, newest first; rate-limit headers are read on every answer. */
    Page dmEvents(Account account, String paginationToken) {
        UriComponentsBuilder uri = UriComponentsBuilder.fromUri(baseUrl)
                .path("/2/dm_events")
                .queryParam("dm_event.fields", DM_EVENT_FIELDS)
                .queryParam("event_types", "MessageCreate")
                .queryParam("expansions", "sender_id")
                .queryParam("user.fields", "id,username,name")
                .queryParam("max_results", 100);
        if (paginationToken != null) {
            uri.queryParam("pagination_token", paginationToken);
        }
        ResponseEntity<XDmEventsPage> response = get(account, uri, XDmEventsPage.class);
        return new Page(response.getBody(), remaining(response.getHeaders()));
    }

    /**
     * Posts mentioning the account, newest first. With {@code since_id} only newer ones come back (all pages
     * of them through {@code pagination_token}); on first connect {@code start_time} bounds the backfill.
     */
    MentionsPage mentions(Account account, String sinceId, Instant startTime, String paginationToken) {
        UriComponentsBuilder uri = UriComponentsBuilder.fromUri(baseUrl)
                .path("/2/users/{id}/mentions")
                .queryParam("tweet.fields", TWEET_FIELDS)
                .queryParam("expansions", "author_id")
                .queryParam("user.fields", "id,username,name")
                .queryParam("max_results", 100);
        if (sinceId != null) {
            uri.queryParam("since_id", sinceId);
        } else if (startTime != null) {
            uri.queryParam(
                    "start_time", DateTimeFormatter.ISO_INSTANT.format(startTime.truncatedTo(ChronoUnit.SECONDS)));
        }
        if (paginationToken != null) {
            uri.queryParam("pagination_token", paginationToken);
        }
        ResponseEntity<XMentionsPage> response =
                get(account, uri.encode().buildAndExpand(account.platformUserId()), XMentionsPage.class);
        return new MentionsPage(response.getBody(), remaining(response.getHeaders()));
    }

    private <T> ResponseEntity<T> get(Account account, UriComponentsBuilder uri, Class<T> type) {
        return get(account, uri.encode().build(), type);
    }

    private <T> ResponseEntity<T> get(Account account, UriComponents uri, Class<T> type) {
        try {
            ResponseEntity<T> response = http.get()
                    .uri(uri.toUri())
                    .header(HttpHeaders.AUTHORIZATION, "Bearer " + tokens.apply(account))
                    .retrieve()
                    .toEntity(type)
                    .block(timeout);
            if (response == null || response.getBody() == null) {
                throw new PlatformApiException(AccountState.DEGRADED, "empty answer from X", null);
            }
            return response;
        } catch (WebClientResponseException e) {
            throw translate(e);
        }
    }

    private PlatformApiException translate(WebClientResponseException e) {
        if (e.getStatusCode().value() == HttpStatus.UNAUTHORIZED.value()
                || e.getStatusCode().value() == HttpStatus.FORBIDDEN.value()) {
            return new PlatformApiException(
                    AccountState.CREDENTIALS_INVALID,
                    "X answered " + e.getStatusCode().value() + ": token expired, revoked or lacking dm.read",
                    null);
        }
        if (e.getStatusCode().value() == HttpStatus.TOO_MANY_REQUESTS.value()) {
            return new PlatformApiException(AccountState.RATE_LIMITED, "X rate limit reached", reset(e.getHeaders()));
        }
        return new PlatformApiException(
                AccountState.DEGRADED, "X answered " + e.getStatusCode().value(), null);
    }

    /** {@code x-rate-limit-reset} (see {@link RateLimits}); without it, back off for a minute. */
    private Instant reset(HttpHeaders headers) {
        return RateLimits.resetAt(Platform.X, headers, null, clock.instant())
                .orElse(clock.instant().plusSeconds(60));
    }

    private static Integer remaining(HttpHeaders headers) {
        return RateLimits.remaining(Platform.X, headers).orElse(null);
    }

    record Page(XDmEventsPage body, Integer rateLimitRemaining) {}

    record MentionsPage(XMentionsPage body, Integer rateLimitRemaining) {}
}
