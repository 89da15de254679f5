package io.dmdesk.sandbox.cases;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param token        a static bearer token the case system accepts
 * @param clientId     the OAuth2 client allowed to get tokens from /case-api/oauth/token
 * @param clientSecret that client's secret
 */
@ConfigurationProperties("sandbox.cases")
public record CaseProperties(
        @DefaultValue("sandbox-case-token") String token,
        @DefaultValue("dm-desk") String clientId,
        @DefaultValue("sandbox-case-secret") String clientSecret) {

    public CaseProperties {
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException("sandbox.cases.token must not be blank");
        }
    }
}
