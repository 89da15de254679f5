package io.dmdesk.casebridge.adapter;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * @param name     how audit entries name this case system as a recipient
 * @param baseUrl  the REST API root
 * @param token    a static bearer credential (from the environment); used when no OAuth2 client is configured
 * @param oauth2   OAuth2 client credentials: the preferred way, tokens are fetched and renewed before expiry
 * @param timeout  per call; a slow case system must not hold a consumer thread for ever
 * @param mapping  the record body as a JSON template with {@code {{field}}} placeholders (see {@link CaseMapping})
 * @param tls      optional mutual TLS: the client certificate and the trust for the case system's certificate
 */
@Validated
@ConfigurationProperties("casebridge.case-system")
public record RestCaseSystemProperties(
        @NotBlank String name,
        @NotNull URI baseUrl,
        String token,
        @Valid OAuth2 oauth2,
        @NotNull Duration timeout,
        String mapping,
        Tls tls) {

    @AssertTrue(message = "casebridge.case-system needs either token or oauth2.token-url/client-id/client-secret")
    public boolean isAuthenticationConfigured() {
        return oauth2 != null && oauth2.tokenUrl() != null || token != null && !token.isBlank();
    }

    /**
     * Paths (or {@code file:} URLs) of PKCS12 (default) or JKS stores. Without a key store no client certificate
     * is presented; without a trust store the JVM's trusted authorities apply.
     */
    public record Tls(
            String keyStore,
            String keyStorePassword,
            String keyStoreType,
            String trustStore,
            String trustStorePassword,
            String trustStoreType) {

        public boolean configured() {
            return keyStore != null && !keyStore.isBlank() || trustStore != null && !trustStore.isBlank();
        }
    }

    /** @param scope optional space-separated scopes */
    public record OAuth2(
            URI tokenUrl,
            @NotBlank String clientId,
            @NotBlank String clientSecret,
            String scope) {}
}
