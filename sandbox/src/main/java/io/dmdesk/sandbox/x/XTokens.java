package io.dmdesk.sandbox.x;

import io.dmdesk.sandbox.tokens.SignedTokens;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * X user tokens: the configured ones (valid forever, or for one lifetime after start-up), and issued ones that lapse
 * after {@code sandbox.x.oauth.access-token-lifetime}. A refresh token is spent by its first use (X rotates them);
 * the spent set is in memory, so a restarted sandbox accepts a spent one once more.
 */
@Component
class XTokens {

    private final XAccounts accounts;
    private final XOAuthProperties oauth;
    private final Clock clock;
    private final Instant startedAt;
    private final SignedTokens access;
    private final SignedTokens refresh;
    private final Set<String> spent = ConcurrentHashMap.newKeySet();

    XTokens(XAccounts accounts, XOAuthProperties oauth, Clock clock) {
        this.accounts = accounts;
        this.oauth = oauth;
        this.clock = clock;
        this.startedAt = clock.instant();
        this.access = new SignedTokens("sbx-x-at", oauth.clientSecret());
        this.refresh = new SignedTokens("sbx-x-rt", oauth.clientSecret());
    }

    /** Outcome of presenting a bearer token: the account, or why not. */
    record Bearer(XProperties.Account account, boolean expired) {}

    /** The account of a bearer token, with whether the token has lapsed; empty when the token is unknown. */
    Optional<Bearer> authenticate(String authorization) {
        Optional<XProperties.Account> configured = accounts.byAuthorization(authorization);
        Instant now = clock.instant();
        if (configured.isPresent()) {
            boolean expired =
                    oauth.configuredTokensExpire() && !now.isBefore(startedAt.plus(oauth.accessTokenLifetime()));
            return Optional.of(new Bearer(configured.get(), expired));
        }
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        return access.read(authorization.substring(7).trim())
                .flatMap(c -> accounts.byHandle(c.subject()).map(a -> new Bearer(a, c.expired(now))));
    }

    /** Answer of the refresh-token grant; empty when the refresh token is unknown or spent. */
    Optional<Map<String, Object>> refresh(String refreshToken) {
        Optional<XProperties.Account> account = accountOfRefreshToken(refreshToken);
        if (account.isEmpty() || !spent.add(refreshToken)) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        long lifetime = oauth.accessTokenLifetime().toSeconds();
        String handle = account.get().handle();
        return Optional.of(Map.of(
                "token_type", "bearer",
                "expires_in", Math.max(1, lifetime),
                "access_token", access.issue(handle, now.plus(oauth.accessTokenLifetime()), null),
                "scope", "tweet.read users.read dm.read dm.write tweet.write offline.access",
                "refresh_token", refresh.issue(handle, null, null)));
    }

    private Optional<XProperties.Account> accountOfRefreshToken(String token) {
        if (token == null) {
            return Optional.empty();
        }
        for (Map.Entry<String, String> e : oauth.refreshTokens().entrySet()) {
            if (e.getValue().equals(token)) {
                return accounts.byHandle(e.getKey());
            }
        }
        return refresh.read(token).flatMap(c -> accounts.byHandle(c.subject()));
    }
}
