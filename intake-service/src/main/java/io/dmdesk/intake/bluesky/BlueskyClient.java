package io.dmdesk.intake.bluesky;

import io.dmdesk.contracts.Platform;
import io.dmdesk.intake.IntakeProperties;
import io.dmdesk.intake.connector.PlatformApiException;
import io.dmdesk.support.accounts.AccountsProperties;
import io.dmdesk.support.accounts.AccountsProperties.Account;
import io.dmdesk.support.platform.AccountState;
import io.dmdesk.support.platform.RateLimits;
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
 * into a short-lived accessJwt and a refreshJwt. When the PDS answers ExpiredToken, {@code refreshSession}
 * with the refreshJwt renews both; only when the refresh token is refused too is a new session created from
 * the app password (the app password is sent as rarely as possible). A refused app password is
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
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final Map<String, Object> locks = new ConcurrentHashMap<>();

    private record Session(String accessJwt, String refreshJwt) {}

    BlueskyClient(AccountsProperties accounts, IntakeProperties properties, JsonMapper json, Clock clock) {
        this.accounts = accounts;
        this.properties = properties;
        this.json = json;
        this.clock = clock;
    }

    JsonNode query(Account account, String nsid, Map<String, String> params, boolean chat) {
        String jwt = session(account);
        try {
            return get(jwt, nsid, params, chat);
        } catch (WebClientResponseException e) {
            if (e.getStatusCode().value() == 401
                    || e.getStatusCode().value() == 400
                            && e.getResponseBodyAsString().contains("ExpiredToken")) {
                renew(account, jwt); // the accessJwt expired: refreshed (or a new session), then the call again
                try {
                    return get(session(account), nsid, params, chat);
                } catch (WebClientResponseException again) {
                    throw translate(again);
                }
            }
            throw translate(e);
        }
    }

    private JsonNode get(String jwt, String nsid, Map<String, String> params, boolean chat) {
        UriComponentsBuilder uri = UriComponentsBuilder.fromUri(base()).path("/xrpc/" + nsid);
        params.forEach((k, v) -> {
            if (v != null) {
                uri.queryParam(k, v);
            }
        });
        WebClient.RequestHeadersSpec<?> request =
                http.get().uri(uri.encode().build().toUri()).header(HttpHeaders.AUTHORIZATION, "Bearer " + jwt);
        if (chat) {
            request = request.header("atproto-proxy", CHAT_PROXY);
        }
        String body = request.retrieve().bodyToMono(String.class).block(properties.requestTimeout());
        return json.readTree(body == null ? "{}" : body);
    }

    /** The account's streams (chat, mentions) share one session: created and renewed by one of them at a time. */
    private String session(Account account) {
        Session session = sessions.get(account.id());
        if (session != null) {
            return session.accessJwt();
        }
        synchronized (lock(account)) {
            session = sessions.get(account.id());
            return session != null ? session.accessJwt() : createSession(account);
        }
    }

    private Object lock(Account account) {
        return locks.computeIfAbsent(account.id(), id -> new Object());
    }

    /**
     * refreshSession with the refreshJwt; a new session from the app password only when that is refused. A stream
     * whose token another stream already renewed just uses the new one (a refresh token is single-use).
     */
    private void renew(Account account, String expiredAccessJwt) {
        synchronized (lock(account)) {
            Session current = sessions.get(account.id());
            if (current == null || !current.accessJwt().equals(expiredAccessJwt)) {
                return;
            }
            sessions.remove(account.id());
            if (current.refreshJwt() != null) {
                refresh(account, current.refreshJwt());
            }
        }
    }

    private void refresh(Account account, String refreshJwt) {
        try {
            String body = http.post()
                    .uri(UriComponentsBuilder.fromUri(base())
                            .path("/xrpc/com.atproto.server.refreshSession")
                            .build()
                            .toUri())
                    .header(HttpHeaders.AUTHORIZATION, "Bearer " + refreshJwt)
                    .retrieve()
                    .bodyToMono(String.class)
                    .block(properties.requestTimeout());
            JsonNode answer = json.readTree(body == null ? "{}" : body);
            String access = answer.path("accessJwt").asString(null);
            if (access != null) {
                sessions.put(
                        account.id(),
                        new Session(access, answer.path("refreshJwt").asString(null)));
            }
        } catch (WebClientResponseException e) {
            if (e.getStatusCode().value() != 400 && e.getStatusCode().value() != 401) {
                throw translate(e);
            }
            // Refresh token expired or revoked: the retried call creates a new session from the app password.
        }
    }

    private String createSession(Account account) {
        String jwt;
        String refresh;
        try {
            String body = http.post()
                    .uri(UriComponentsBuilder.fromUri(base())
                            .path("/xrpc/com.atproto.server.createSession")
                            .build()
                            .toUri())
                    .bodyValue(Map.of("identifier", account.handle(), "password", account.token()))
                    .retrieve()
                    .bodyToMono(String.class)
                    .block(properties.requestTimeout());
            JsonNode answer = json.readTree(body == null ? "{}" : body);
            jwt = answer.path("accessJwt").asString(null);
            refresh = answer.path("refreshJwt").asString(null);
        } catch (WebClientResponseException e) {
            if (e.getStatusCode().value() == 401 || e.getStatusCode().value() == 400) {
                throw new PlatformApiException(
                        AccountState.CREDENTIALS_INVALID,
                        "Bluesky refused the app password (createSession "
                                + e.getStatusCode().value() + ")",
                        null);
            }
            throw translate(e);
        }
        if (jwt == null) {
            throw new PlatformApiException(AccountState.DEGRADED, "createSession returned no accessJwt", null);
        }
        sessions.put(account.id(), new Session(jwt, refresh));
        return jwt;
    }

    private PlatformApiException translate(WebClientResponseException e) {
        int status = e.getStatusCode().value();
        if (status == 401) {
            return new PlatformApiException(AccountState.CREDENTIALS_INVALID, "Bluesky answered 401", null);
        }
        if (status == 429) {
            Instant until = RateLimits.resetAt(Platform.BLUESKY, e.getHeaders(), null, clock.instant())
                    .orElse(clock.instant().plusSeconds(60));
            return new PlatformApiException(AccountState.RATE_LIMITED, "Bluesky rate limit", until);
        }
        return new PlatformApiException(AccountState.DEGRADED, "Bluesky answered " + status, null);
    }

    private URI base() {
        return accounts.baseUrl(Platform.BLUESKY);
    }
}
