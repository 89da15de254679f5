package io.dmdesk.sandbox.mastodon;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param domain the simulated instance's domain (used in acct and URLs)
 * @param accounts monitored accounts on this instance, each with its OAuth access token
 * @param rateLimit requests per token and 5-minute window (Mastodon's default is 300)
 */
@ConfigurationProperties("sandbox.mastodon")
public record MastodonProperties(
        @DefaultValue("sandbox.social") String domain,
        List<Account> accounts,
        @DefaultValue("300") int rateLimit) {

    public MastodonProperties {
        accounts = accounts == null ? List.of() : List.copyOf(accounts);
    }

    /** @param id numeric account id as a string, as Mastodon's API gives ids */
    public record Account(String username, String id, String displayName, String token) {}
}
