package io.dmdesk.sandbox.meta;

import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Meta tokens as the sandbox issues them. Real page tokens derived from a long-lived user token do not expire
 * ({@code expires_at} 0) but lose data access after 90 days; the long-lived user token lives about 60 days.
 *
 * @param appId                  the app id (debug_token wants the app token {@code app-id|app-secret})
 * @param pageTokenLifetime      lifetime of an issued page token; zero = never expires (Meta's long-lived case)
 * @param userTokenLifetime      lifetime of a long-lived user token from {@code fb_exchange_token}
 * @param dataAccessLifetime     data access of the configured user token, from start-up; exchanges do not extend it
 * @param configuredTokensExpire whether the configured page tokens lapse one page-token lifetime after start-up
 * @param userTokens             page id → the configured long-lived user token of the page's admin
 */
@ConfigurationProperties("sandbox.meta.tokens")
public record MetaTokenProperties(
        @DefaultValue("sandbox-meta-app-id") String appId,
        @DefaultValue("0s") Duration pageTokenLifetime,
        @DefaultValue("P60D") Duration userTokenLifetime,
        @DefaultValue("P90D") Duration dataAccessLifetime,
        @DefaultValue("false") boolean configuredTokensExpire,
        Map<String, String> userTokens) {

    public MetaTokenProperties {
        userTokens = userTokens == null ? Map.of() : Map.copyOf(userTokens);
    }
}
