package io.dmdesk.intake.x;

import io.dmdesk.intake.connector.ConnectorState;
import io.dmdesk.intake.connector.PlatformApiException;
import io.dmdesk.support.accounts.AccountsProperties.Account;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientResponseException;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * X API v2 direct-message events. {@code dm_event.fields} must be asked for explicitly: without it X returns
 * only id, event_type and text, and the connector could not tell who wrote or in which conversation.
 */
class XApiClient {

    static final String DM_EVENT_FIELDS = "id,text,event_type,created_at,dm_conversation_id,sender_id,participant_ids,attachments";

    private final WebClient http;
    private final URI baseUrl;
    private final Duration timeout;
    private final Clock clock;

    XApiClient(WebClient http, URI baseUrl, Duration timeout, Clock clock) {
        this.http = http;
        this.baseUrl = baseUrl;
        this.timeout = timeout;
        this.clock = clock;
    }

    /** A page of the account's DM events, newest first; rate-limit headers are read on every answer. */
    Page dmEvents(Account account, String paginationToken) {
        UriComponentsBuilder uri = UriComponentsBuilder.fromUri(baseUrl).path("/2/dm_events")
                .queryParam("dm_event.fields", DM_EVENT_FIELDS)
                .queryParam("event_types", "MessageCreate")
                .queryParam("expansions", "sender_id")
                .queryParam("user.fields", "id,username,name")
                .queryParam("max_results", 100);
        if (paginationToken != null) {
            uri.queryParam("pagination_token", paginationToken);
        }
        try {
            ResponseEntity<XDmEventsPage> response = http.get()
                    .uri(uri.encode().build().toUri())
                    .header(HttpHeaders.AUTHORIZATION, "Bearer " + account.token())
                    .retrieve()
                    .toEntity(XDmEventsPage.class)
                    .block(timeout);
            if (response == null || response.getBody() == null) {
                throw new PlatformApiException(ConnectorState.DEGRADED, "empty answer from dm_events", null);
            }
            return new Page(response.getBody(), remaining(response.getHeaders()));
        } catch (WebClientResponseException e) {
            throw translate(e);
        }
    }

    private PlatformApiException translate(WebClientResponseException e) {
        if (e.getStatusCode().value() == HttpStatus.UNAUTHORIZED.value()
                || e.getStatusCode().value() == HttpStatus.FORBIDDEN.value()) {
            return new PlatformApiException(ConnectorState.CREDENTIALS_INVALID,
                    "X answered " + e.getStatusCode().value() + ": token expired, revoked or lacking dm.read", null);
        }
        if (e.getStatusCode().value() == HttpStatus.TOO_MANY_REQUESTS.value()) {
            return new PlatformApiException(ConnectorState.RATE_LIMITED, "X rate limit reached", reset(e.getHeaders()));
        }
        return new PlatformApiException(ConnectorState.DEGRADED, "X answered " + e.getStatusCode().value(), null);
    }

    /** {@code x-rate-limit-reset} is in epoch seconds; without it, back off for a minute. */
    private Instant reset(HttpHeaders headers) {
        String reset = headers.getFirst("x-rate-limit-reset");
        if (reset != null) {
            try {
                return Instant.ofEpochSecond(Long.parseLong(reset.trim()));
            } catch (NumberFormatException ignored) {
                // fall through to the default back-off
            }
        }
        return clock.instant().plusSeconds(60);
    }

    private static Integer remaining(HttpHeaders headers) {
        String value = headers.getFirst("x-rate-limit-remaining");
        try {
            return value == null ? null : Integer.valueOf(value.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    record Page(XDmEventsPage body, Integer rateLimitRemaining) {
    }
}
