package io.dmdesk.sandbox.bluesky;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param accounts       monitored Bluesky accounts: handle, DID and the app password createSession takes
 * @param accessTokenTtl how long an accessJwt is accepted (then 400 ExpiredToken; refreshSession renews it)
 */
@ConfigurationProperties("sandbox.bluesky")
public record BlueskyProperties(List<Account> accounts, Duration accessTokenTtl) {

    public BlueskyProperties {
        accounts = accounts == null ? List.of() : List.copyOf(accounts);
        accessTokenTtl = accessTokenTtl == null ? Duration.ofMinutes(5) : accessTokenTtl;
    }

    public record Account(String handle, String did, String displayName, String appPassword) {}
}
