package io.dmdesk.support.credentials;

import io.dmdesk.contracts.Platform;
import io.dmdesk.support.accounts.AccountsProperties;
import io.dmdesk.support.accounts.AccountsProperties.Account;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientResponseException;

/**
 * X's OAuth 2.0 token endpoint, refresh-token grant: {@code POST /2/oauth2/token}, form
 * {@code grant_type=refresh_token&refresh_token=...&client_id=...}, a confidential client with HTTP Basic
 * {@code client_id:client_secret}. The answer carries a new access token ({@code expires_in} 7200) and a new
 * refresh token: the one sent is spent.
 */
public class XTokenEndpoint {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final WebClient http = WebClient.builder().build();
    private final CredentialProperties.X properties;
    private final AccountsProperties accounts;

    public XTokenEndpoint(CredentialProperties properties, AccountsProperties accounts) {
        this.properties = properties.x();
        this.accounts = accounts;
    }

    record Tokens(String accessToken, String refreshToken, long expiresIn) {
        @Override
        public String toString() {
            return "Tokens[expiresIn=" + expiresIn + "]";
        }
    }

    Tokens refresh(Account account, String refreshToken) {
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        form.add("grant_type", "refresh_token");
        form.add("refresh_token", refreshToken);
        form.add("client_id", properties.clientId());
        try {
            Map<?, ?> answer = http.post()
                    .uri(tokenUrl())
                    .headers(h -> {
                        if (properties.clientSecret() != null
                                && !properties.clientSecret().isBlank()) {
                            h.set(
                                    HttpHeaders.AUTHORIZATION,
                                    "Basic "
                                            + Base64.getEncoder()
                                                    .encodeToString(
                                                            (properties.clientId() + ":" + properties.clientSecret())
                                                                    .getBytes(StandardCharsets.UTF_8)));
                        }
                    })
                    .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                    .accept(MediaType.APPLICATION_JSON)
                    .body(BodyInserters.fromFormData(form))
                    .retrieve()
                    .bodyToMono(Map.class)
                    .block(TIMEOUT);
            if (answer == null || !(answer.get("access_token") instanceof String access)) {
                throw new IllegalStateException("X token endpoint answered without access_token");
            }
            Object refresh = answer.get("refresh_token");
            long expiresIn = answer.get("expires_in") instanceof Number n ? n.longValue() : 7200;
            return new Tokens(access, refresh instanceof String s ? s : null, expiresIn);
        } catch (WebClientResponseException e) {
            int status = e.getStatusCode().value();
            if (status == 400 || status == 401) {
                // invalid_grant: the refresh token is spent, revoked or expired; invalid_client: wrong app secret.
                throw new CredentialRefusedException("X refused the refresh token (HTTP " + status + " " + errorCode(e)
                        + "): re-connect the account");
            }
            throw new IllegalStateException("X token endpoint answered " + status);
        }
    }

    private static String errorCode(WebClientResponseException e) {
        String body = e.getResponseBodyAsString();
        // The OAuth error code only (invalid_grant, invalid_client, ...): the body has no secret, but keep it short.
        Matcher m = Pattern.compile("\"error\"\\s*:\\s*\"([a-z_]{1,40})\"").matcher(body);
        return m.find() ? m.group(1) : "error";
    }

    private URI tokenUrl() {
        if (properties.tokenUrl() != null) {
            return properties.tokenUrl();
        }
        return URI.create(accounts.baseUrl(Platform.X).toString().replaceAll("/+$", "") + "/2/oauth2/token");
    }
}
