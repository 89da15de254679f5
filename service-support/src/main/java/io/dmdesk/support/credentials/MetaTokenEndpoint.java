package io.dmdesk.support.credentials;

import io.dmdesk.support.accounts.AccountsProperties;
import io.dmdesk.support.accounts.AccountsProperties.Account;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientResponseException;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Meta's token calls: {@code GET /debug_token?input_token=&access_token={app-id}|{app-secret}} for the expiry
 * ({@code data.expires_at}, 0 = never; {@code data.data_access_expires_at}; {@code data.is_valid}),
 * {@code GET /oauth/access_token?grant_type=fb_exchange_token&client_id&client_secret&fb_exchange_token} for a new
 * long-lived user token, and {@code GET /{page-id}?fields=access_token} with it for the page token. Tokens travel
 * as query parameters here (Meta's contract), so no URL of these calls is ever logged.
 */
public class MetaTokenEndpoint {

    static final String GRAPH_VERSION = "v21.0";
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final WebClient http = WebClient.builder().build();
    private final CredentialProperties.Meta properties;
    private final AccountsProperties accounts;

    public MetaTokenEndpoint(CredentialProperties properties, AccountsProperties accounts) {
        this.properties = properties.meta();
        this.accounts = accounts;
    }

    /** debug_token's answer: null expiry = never. */
    record Debugged(boolean valid, Instant expiresAt, Instant dataAccessExpiresAt) {}

    record Exchanged(String accessToken, Long expiresIn) {
        @Override
        public String toString() {
            return "Exchanged[expiresIn=" + expiresIn + "]";
        }
    }

    Debugged debug(Account account, String token) {
        Map<?, ?> answer = get(
                account,
                "/debug_token",
                Map.of("input_token", token, "access_token", properties.appId() + "|" + properties.appSecret()));
        Map<?, ?> data = answer.get("data") instanceof Map<?, ?> d ? d : Map.of();
        return new Debugged(
                Boolean.TRUE.equals(data.get("is_valid")),
                epoch(data.get("expires_at")),
                epoch(data.get("data_access_expires_at")));
    }

    Exchanged exchange(Account account, String userToken) {
        Map<?, ?> answer = get(
                account,
                "/oauth/access_token",
                Map.of(
                        "grant_type",
                        "fb_exchange_token",
                        "client_id",
                        properties.appId(),
                        "client_secret",
                        properties.appSecret(),
                        "fb_exchange_token",
                        userToken));
        if (!(answer.get("access_token") instanceof String token)) {
            throw new IllegalStateException("fb_exchange_token answered without access_token");
        }
        return new Exchanged(token, answer.get("expires_in") instanceof Number n ? n.longValue() : null);
    }

    String pageToken(Account account, String pageId, String userToken) {
        Map<?, ?> answer = get(account, "/" + pageId, Map.of("fields", "access_token", "access_token", userToken));
        if (!(answer.get("access_token") instanceof String token)) {
            throw new CredentialRefusedException("Meta gave no page token for page " + pageId
                    + ": the user may no longer manage the page; re-connect it");
        }
        return token;
    }

    private Map<?, ?> get(Account account, String path, Map<String, String> query) {
        UriComponentsBuilder b = UriComponentsBuilder.fromUri(accounts.baseUrl(account.platform()))
                .path("/" + GRAPH_VERSION + path);
        query.keySet().forEach(k -> b.queryParam(k, "{" + k + "}"));
        try {
            Map<?, ?> answer = http.get()
                    .uri(b.encode().buildAndExpand(query).toUri())
                    .retrieve()
                    .bodyToMono(Map.class)
                    .block(TIMEOUT);
            return answer == null ? Map.of() : answer;
        } catch (WebClientResponseException e) {
            if (e.getResponseBodyAsString().contains("\"code\":190")
                    || e.getStatusCode().value() == 401) {
                throw new CredentialRefusedException(
                        "Meta refused the user token (OAuthException 190): " + "a page admin must log in again");
            }
            throw new IllegalStateException(
                    "Meta Graph API answered " + e.getStatusCode().value());
        }
    }

    private static Instant epoch(Object value) {
        if (value instanceof Number n && n.longValue() > 0) {
            return Instant.ofEpochSecond(n.longValue());
        }
        return null;
    }
}
