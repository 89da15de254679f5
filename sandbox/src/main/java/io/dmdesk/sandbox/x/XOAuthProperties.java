package io.dmdesk.sandbox.x;

import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * X's OAuth 2.0 as the sandbox issues it: user access tokens that expire ({@code expires_in}) and one-time refresh
 * tokens, rotated on every use.
 *
 * @param clientId                the app's client id
 * @param clientSecret            the confidential client's secret (HTTP Basic on {@code POST /2/oauth2/token})
 * @param accessTokenLifetime     how long an issued access token lives (X: 2 h); tests make it seconds
 * @param configuredTokensExpire  whether the configured account tokens ({@code sandbox.x.accounts[].token}) also
 *                                lapse, one lifetime after the sandbox started; off so that clients without
 *                                refresh keep working
 * @param refreshTokens           account handle → the refresh token of its consent (one-time, like issued ones)
 */
@ConfigurationProperties("sandbox.x.oauth")
public record XOAuthProperties(
        @DefaultValue("sandbox-x-client-id") String clientId,
        @DefaultValue("sandbox-x-client-secret") String clientSecret,
        @DefaultValue("PT2H") Duration accessTokenLifetime,
        @DefaultValue("false") boolean configuredTokensExpire,
        Map<String, String> refreshTokens) {

    public XOAuthProperties {
        refreshTokens = refreshTokens == null ? Map.of() : Map.copyOf(refreshTokens);
    }
}
