package io.dmdesk.casebridge.adapter;

import io.dmdesk.support.errors.DependencyUnavailableException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientException;

/**
 * Bearer tokens for the case system: the static token, or OAuth2 client credentials (RFC 6749 4.4) fetched
 * from the token endpoint and renewed a minute before they expire, or at once after a 401.
 */
class CaseSystemTokens {

    private static final Duration RENEW_BEFORE = Duration.ofSeconds(60);

    private final RestCaseSystemProperties properties;
    private final WebClient http;
    private String token;
    private Instant expiresAt = Instant.EPOCH;

    CaseSystemTokens(RestCaseSystemProperties properties, WebClient http) {
        this.properties = properties;
        this.http = http;
    }

    synchronized String token() {
        RestCaseSystemProperties.OAuth2 oauth2 = properties.oauth2();
        if (oauth2 == null || oauth2.tokenUrl() == null) {
            return properties.token();
        }
        if (token == null || Instant.now().isAfter(expiresAt.minus(RENEW_BEFORE))) {
            fetch(oauth2);
        }
        return token;
    }

    synchronized void invalidate() {
        token = null;
    }

    private void fetch(RestCaseSystemProperties.OAuth2 oauth2) {
        var form = new LinkedMultiValueMap<String, String>();
        form.add("grant_type", "client_credentials");
        if (oauth2.scope() != null && !oauth2.scope().isBlank()) {
            form.add("scope", oauth2.scope());
        }
        try {
            Map<?, ?> answer = http.post()
                    .uri(oauth2.tokenUrl())
                    .headers(h -> h.setBasicAuth(oauth2.clientId(), oauth2.clientSecret()))
                    .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                    .body(BodyInserters.fromFormData(form))
                    .retrieve()
                    .bodyToMono(Map.class)
                    .block(properties.timeout());
            if (answer == null || answer.get("access_token") == null) {
                throw new DependencyUnavailableException("token endpoint answered without access_token", null);
            }
            token = answer.get("access_token").toString();
            long seconds = answer.get("expires_in") instanceof Number n ? n.longValue() : 300;
            expiresAt = Instant.now().plusSeconds(seconds);
        } catch (WebClientException | IllegalStateException e) {
            throw new DependencyUnavailableException("could not get a case-system token", e);
        }
    }
}
