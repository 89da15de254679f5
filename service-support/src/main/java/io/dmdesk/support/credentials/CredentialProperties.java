package io.dmdesk.support.credentials;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Renewal of expiring platform credentials (X OAuth 2.0 user tokens, Meta page tokens). The renewed tokens live in
 * one store shared by the services that call platforms; see {@link CredentialStore}.
 *
 * @param database       the shared database holding {@code platform_credentials} (same MongoDB as the services)
 * @param renew          this service renews (intake); the others only read what was renewed (notifier)
 * @param reloadInterval how often a reader re-reads the store, so a token renewed elsewhere is used within this time
 * @param checkInterval  how often the renewer looks at every credential's expiry
 * @param lease          how long one renewer holds a credential while renewing it (other replicas wait)
 * @param x              X OAuth 2.0 refresh
 * @param meta           Meta page-token check and renewal
 */
@ConfigurationProperties("dmdesk.credentials")
public record CredentialProperties(
        @DefaultValue("dmdesk-credentials") String database,
        @DefaultValue("false") boolean renew,
        @DefaultValue("PT5S") Duration reloadInterval,
        @DefaultValue("PT30S") Duration checkInterval,
        @DefaultValue("PT1M") Duration lease,
        @DefaultValue X x,
        @DefaultValue Meta meta) {

    /**
     * @param clientId      the app's OAuth 2.0 client id
     * @param clientSecret  the confidential client's secret (HTTP Basic on the token endpoint); blank = public client
     * @param tokenUrl      the token endpoint; unset = {@code <dmdesk.platforms.x.base-url>/2/oauth2/token}
     * @param leadTime      renew this long before the access token expires (X access tokens live 2 h)
     * @param warnBefore    warn (health, metric, alert) when the token in use lapses within this and was not renewed
     * @param refreshTokens account id → the refresh token from the account's consent (offline.access); used once,
     *                      then the rotated one in the store
     */
    public record X(
            String clientId,
            String clientSecret,
            URI tokenUrl,
            @DefaultValue("PT10M") Duration leadTime,
            @DefaultValue("PT5M") Duration warnBefore,
            Map<String, String> refreshTokens) {
        public X {
            refreshTokens = refreshTokens == null ? Map.of() : Map.copyOf(refreshTokens);
        }
    }

    /**
     * @param appId         the Meta app id (debug_token is asked with the app token {@code app-id|app-secret})
     * @param appSecret     the Meta app secret
     * @param leadTime      renew the long-lived user token (and derive new page tokens) this long before expiry
     * @param warnBefore    warn when the page token or its data access lapses within this
     * @param checkInterval how often debug_token is asked per page (Meta tokens live days, not hours)
     * @param userTokens    page id → long-lived user token of a person who can MODERATE/MANAGE the page
     */
    public record Meta(
            String appId,
            String appSecret,
            @DefaultValue("P7D") Duration leadTime,
            @DefaultValue("P14D") Duration warnBefore,
            @DefaultValue("PT1H") Duration checkInterval,
            Map<String, String> userTokens) {
        public Meta {
            userTokens = userTokens == null ? Map.of() : Map.copyOf(userTokens);
        }
    }
}
