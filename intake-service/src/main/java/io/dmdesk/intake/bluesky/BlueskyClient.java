package io.dmdesk.intake.bluesky;

import io.dmdesk.contracts.Platform;
import io.dmdesk.intake.IntakeProperties;
import io.dmdesk.intake.connector.ConnectorState;
import io.dmdesk.intake.connector.PlatformApiException;
import io.dmdesk.support.accounts.AccountsProperties;
import io.dmdesk.support.accounts.AccountsProperties.Account;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientResponseException;
import org.springframework.web.util.UriComponentsBuilder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * XRPC against the account's PDS. The configured token is an app password: {@code createSession} turns it
 * into a short-lived accessJwt, renewed once when the PDS answers ExpiredToken; a refused app password is
 * CREDENTIALS_INVALID. Chat calls carry {@code atproto-proxy: did:web:api.bsky.chat#bsky_chat} so the PDS
 * forwards them to the chat service. Rate limits: {@code ratelimit-reset} in epoch seconds.
 */
@Component
class BlueskyClient {

    static final String CHAT_PROXY = "did:web:api.bsky.chat#bsky_chat";

    private final AccountsProperties accounts;
    private final IntakeProperties properties;
    private final JsonMapper json;
    private final Clock clock;
    private final WebClient http = WebClient.builder().build();
    private final Map<String, String> sessions = new ConcurrentHashMap<>();

    BlueskyClient(AccountsProperties accounts, IntakeProperties properties, JsonMapper json, Clock clock) {
        this.accounts = accounts;
        this.properties = properties;
        this.json = json;
        this.clock = clock;
    }

    JsonNode query(Account account, String nsid, Map<String, String> params, boolean chat) {
        try {
            return get(account, nsid, params, chat);
        } catch (WebClientResponseException e) {
            if (e.getStatusCode().value() == 401 || e.getStatusCode().value() == 400 && e.getResponseBodyAsString().contains("ExpiredToken")) {
                sessions.remove(account.id()); // the accessJwt expired: one new session, then the call again
                try {
                    return get(account, nsid, params, chat);
                } catch (WebClientResponseException again) {
                    throw translate(again);
                }
            }
            throw translate(e);
        }
    }

    private JsonNode get(Account account, String nsid, Map<String, String> params, boolean chat) {
        UriComponentsBuilder uri = UriComponentsBuilder.fromUri(base()).path("/xrpc/" + nsid);
        params.forEach((k, v) -> {
            if (v != null) {
                uri.queryParam(k, v);
            }
        });
        WebClient.RequestHeadersSpec<?> request = http.get().uri(uri.encode().build().toUri())
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + session(account));
        if (chat) {
            request = request.header("atproto-proxy", CHAT_PROXY);
        }
        String body = request.retrieve().bodyToMono(String.class).block(properties.requestTimeout());
        return json.readTree(body == null ? "{}" : body);
    }

    private String session(Account account) {
        String jwt = sessions.get(account.id());
        if (jwt != null) {
            return jwt;
        }
        try {
            String body = http.post().uri(UriComponentsBuilder.fromUri(base()).path("/xrpc/com.atproto.server.createSession").build().toUri())
                    .bodyValue(Map.of("identifier", account.handle(), "password", account.token()))
                    .retrieve().bodyToMono(String.class).block(properties.requestTimeout());
            jwt = json.readTree(body == null ? "{}" : body).path("accessJwt").asString(null);
        } catch (WebClientResponseException e) {
            if (e.getStatusCode().value() == 401 || e.getStatusCode().value() == 400) {
                throw new PlatformApiException(ConnectorState.CREDENTIALS_INVALID,
                        "Bluesky refused the app password (createSession " + e.getStatusCode().value() + ")", null);
            }
            throw translate(e);
        }
        if (jwt == null) {
            throw new PlatformApiException(ConnectorState.DEGRADED, "createSession returned no accessJwt", null);
        }
        sessions.put(account.id(), jwt);
        return jwt;
    }

    private PlatformApiException translate(WebClientResponseException e) {
        int status = e.getStatusCode().value();
        if (status == 401) {
            return new PlatformApiException(ConnectorState.CREDENTIALS_INVALID, "Bluesky answered 401", null);
        }
        if (status == 429) {
            String reset = e.getHeaders().getFirst("ratelimit-reset");
            Instant until;
            try {
                until = reset == null ? clock.instant().plusSeconds(60) : Instant.ofEpochSecond(Long.parseLong(reset.trim()));
            } catch (NumberFormatException bad) {
                until = clock.instant().plusSeconds(60);
            }
            return new PlatformApiException(ConnectorState.RATE_LIMITED, "Bluesky rate limit", until);
        }
        return new PlatformApiException(ConnectorState.DEGRADED, "Bluesky answered " + status, null);
    }

    private URI base() {
        return accounts.baseUrl(Platform.BLUESKY);
    }
}
