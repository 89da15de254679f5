package io.dmdesk.sandbox.meta;

import io.dmdesk.sandbox.tokens.SignedTokens;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Page and user tokens: the configured ones and the ones issued by {@code fb_exchange_token} and
 * {@code GET /{page-id}?fields=access_token}, each with an expiry (none for page tokens unless configured) and a
 * data access expiry that only a new login (new configuration) extends. Enforced on every Graph call.
 */
@Component
class MetaTokens {

    private final MetaProperties pages;
    private final MetaTokenProperties properties;
    private final Clock clock;
    private final Instant startedAt;
    private final SignedTokens pageTokens;
    private final SignedTokens userTokens;

    MetaTokens(MetaProperties pages, MetaTokenProperties properties, Clock clock) {
        this.pages = pages;
        this.properties = properties;
        this.clock = clock;
        this.startedAt = clock.instant();
        this.pageTokens = new SignedTokens("sbx-meta-pt", pages.appSecret());
        this.userTokens = new SignedTokens("sbx-meta-ut", pages.appSecret());
    }

    /** A token's facts: kind PAGE or USER, the page it is for, expiry (null = never), data access expiry. */
    record Facts(String type, String pageId, Instant expiresAt, Instant dataAccessExpiresAt) {
        boolean valid(Instant now) {
            return (expiresAt == null || now.isBefore(expiresAt))
                    && (dataAccessExpiresAt == null || now.isBefore(dataAccessExpiresAt));
        }
    }

    Optional<Facts> facts(String token) {
        if (token == null) {
            return Optional.empty();
        }
        Instant dataAccess = startedAt.plus(properties.dataAccessLifetime());
        for (MetaProperties.Page p : pages.pages()) {
            if (p.token().equals(token)) {
                boolean expires = properties.configuredTokensExpire()
                        && !properties.pageTokenLifetime().isZero();
                return Optional.of(new Facts(
                        "PAGE",
                        p.pageId(),
                        expires ? startedAt.plus(properties.pageTokenLifetime()) : null,
                        dataAccess));
            }
        }
        for (Map.Entry<String, String> e : properties.userTokens().entrySet()) {
            if (e.getValue().equals(token)) {
                return Optional.of(
                        new Facts("USER", e.getKey(), startedAt.plus(properties.userTokenLifetime()), dataAccess));
            }
        }
        return pageTokens
                .read(token)
                .map(c -> new Facts("PAGE", c.subject(), c.expiresAt(), c.dataAccessExpiresAt()))
                .or(() -> userTokens
                        .read(token)
                        .map(c -> new Facts("USER", c.subject(), c.expiresAt(), c.dataAccessExpiresAt())));
    }

    /** Whether a Graph call for this page may use this token now. */
    boolean validPageToken(MetaProperties.Page page, String token) {
        return facts(token)
                .filter(f -> "PAGE".equals(f.type()) && page.pageId().equals(f.pageId()))
                .map(f -> f.valid(clock.instant()))
                .orElse(false);
    }

    /** debug_token's {@code data}: invalid tokens get is_valid false with Graph's error inside, as Meta answers. */
    Map<String, Object> debug(String token) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("app_id", properties.appId());
        data.put("application", "DM Desk (sandbox)");
        Optional<Facts> facts = facts(token);
        if (facts.isEmpty()) {
            data.put("is_valid", false);
            data.put("error", Map.of("code", 190, "message", "Invalid OAuth access token."));
            return data;
        }
        Facts f = facts.get();
        data.put("type", f.type());
        if ("PAGE".equals(f.type())) {
            data.put("profile_id", f.pageId());
        }
        data.put("expires_at", f.expiresAt() == null ? 0 : f.expiresAt().getEpochSecond());
        data.put(
                "data_access_expires_at",
                f.dataAccessExpiresAt() == null ? 0 : f.dataAccessExpiresAt().getEpochSecond());
        data.put("is_valid", f.valid(clock.instant()));
        data.put(
                "scopes",
                List.of(
                        "pages_messaging",
                        "pages_read_engagement",
                        "pages_manage_metadata",
                        "instagram_manage_messages",
                        "pages_show_list"));
        return data;
    }

    /** fb_exchange_token: a new long-lived user token for a valid user token; data access is not extended. */
    Optional<Map<String, Object>> exchange(String userToken) {
        Instant now = clock.instant();
        return facts(userToken)
                .filter(f -> "USER".equals(f.type()) && f.valid(now))
                .map(f -> Map.of(
                        "access_token",
                                userTokens.issue(
                                        f.pageId(), now.plus(properties.userTokenLifetime()), f.dataAccessExpiresAt()),
                        "token_type", "bearer",
                        "expires_in", properties.userTokenLifetime().toSeconds()));
    }

    /** {@code GET /{page-id}?fields=access_token} with a valid user token of that page's admin. */
    Optional<String> pageToken(String pageId, String userToken) {
        Instant now = clock.instant();
        return facts(userToken)
                .filter(f -> "USER".equals(f.type()) && f.valid(now) && pageId.equals(f.pageId()))
                .map(f -> pageTokens.issue(
                        pageId,
                        properties.pageTokenLifetime().isZero() ? null : now.plus(properties.pageTokenLifetime()),
                        f.dataAccessExpiresAt()));
    }

    boolean appToken(String accessToken) {
        return (properties.appId() + "|" + pages.appSecret()).equals(accessToken);
    }
}
