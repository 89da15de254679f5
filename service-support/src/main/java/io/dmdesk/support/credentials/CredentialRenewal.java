package io.dmdesk.support.credentials;

import io.dmdesk.support.accounts.AccountsProperties.Account;
import io.dmdesk.support.schedule.PeriodicTask;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Renews every configured credential ahead of its expiry, so callers never see a gap: X user tokens
 * {@code lead-time} before they lapse (refresh-token grant, the rotated refresh token stored at once), Meta page
 * tokens when debug_token says the page token or the user token behind it lapses within {@code lead-time}. Each
 * renewal runs under the credential's lease in the store. Logs name the credential key and the outcome, never a
 * token.
 */
public class CredentialRenewal extends PeriodicTask {

    private static final Logger log = LoggerFactory.getLogger(CredentialRenewal.class);
    static final Duration STARTUP_WAIT = Duration.ofSeconds(20);

    private final CredentialStore store;
    private final CredentialKeys keys;
    private final AccessTokens tokens;
    private final CredentialProperties properties;
    private final XTokenEndpoint x;
    private final MetaTokenEndpoint meta;
    private final CredentialMetrics metrics;
    private final Clock clock;
    private final String owner = UUID.randomUUID().toString();
    private final Map<String, Instant> metaCheckedAt = new ConcurrentHashMap<>();

    public CredentialRenewal(
            CredentialStore store,
            CredentialKeys keys,
            AccessTokens tokens,
            CredentialProperties properties,
            XTokenEndpoint x,
            MetaTokenEndpoint meta,
            CredentialMetrics metrics,
            Clock clock) {
        super("credential-renewal", properties.checkInterval(), properties.checkInterval());
        this.store = store;
        this.keys = keys;
        this.tokens = tokens;
        this.properties = properties;
        this.x = x;
        this.meta = meta;
        this.metrics = metrics;
        this.clock = clock;
    }

    /**
     * The first pass runs before the pollers start (earlier phase) and is waited for, up to {@link #STARTUP_WAIT}: a
     * configured token may have lapsed while the service was down, and the first request should carry a fresh one.
     */
    @Override
    public void start() {
        CompletableFuture<Void> first = CompletableFuture.runAsync(() -> {
            try {
                refresh();
            } catch (RuntimeException e) {
                log.warn("first credential check failed: {}", e.getClass().getSimpleName());
            }
        });
        try {
            first.get(STARTUP_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            log.warn("first credential check still running after {}; starting anyway", STARTUP_WAIT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            log.warn(
                    "first credential check failed: {}", e.getCause().getClass().getSimpleName());
        }
        super.start();
    }

    /** Before the pollers (intake's PollScheduler starts at {@code Integer.MAX_VALUE - 100}). */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 200;
    }

    @Override
    public void refresh() {
        keys.byKey().forEach((key, accounts) -> {
            try {
                check(key, accounts.get(0));
            } catch (RuntimeException e) {
                // The exception's class only: a client exception's message may quote a request.
                log.warn("credential check of {} failed: {}", key, e.getClass().getSimpleName());
            }
        });
    }

    private void check(String key, Account account) {
        Instant now = clock.instant();
        // Whether it is due, from what this service knows (kept fresh by AccessTokens); the store is asked only then.
        PlatformCredential known = tokens.storedAny(account).orElse(null);
        if (known != null && known.reconnectRequired()) {
            return; // waits for a person: new configured tokens change the bootstrap and start a new chain
        }
        boolean isMeta = key.startsWith(CredentialKeys.META_PAGE);
        if (isMeta ? !metaDue(key, known, now) : !xDue(known, now)) {
            return;
        }
        PlatformCredential current;
        if (!store.lease(key, isMeta ? "meta" : "x", owner, now, now.plus(properties.lease()))) {
            return; // another replica renews it
        }
        current = current(key, account); // another replica may have renewed just before we took the lease
        PlatformCredential next;
        if (current != null && current.reconnectRequired() || !isMeta && !xDue(current, now)) {
            next = current;
        } else {
            next = isMeta ? renewMeta(key, account, current, now) : renewX(key, account, current, now);
        }
        if (next == null) {
            next = base(key, account, now);
        }
        if (store.save(next, owner)) {
            tokens.renewed(next);
        } else {
            log.warn("credential {} renewed but the lease was lost before it was stored", key);
        }
    }

    /** The stored credential of the configured chain, null when none yet (or a person re-connected). */
    private PlatformCredential current(String key, Account account) {
        return store.find(key)
                .filter(c -> keys.bootstrap(key, account).equals(c.bootstrap()))
                .orElse(null);
    }

    private boolean xDue(PlatformCredential c, Instant now) {
        // Unknown expiry (the configured token): renew now to learn it; the configured token works meanwhile.
        return c == null
                || c.accessToken() == null
                || c.expiresAt() == null
                || !now.isBefore(c.expiresAt().minus(properties.x().leadTime()));
    }

    private boolean metaDue(String key, PlatformCredential c, Instant now) {
        Instant last = metaCheckedAt.get(key);
        return c == null
                || c.accessToken() == null
                || last == null
                || !now.isBefore(last.plus(properties.meta().checkInterval()));
    }

    private PlatformCredential base(String key, Account account, Instant now) {
        return new PlatformCredential(
                key,
                key.startsWith(CredentialKeys.META_PAGE) ? "meta" : "x",
                keys.bootstrap(key, account),
                account.token(),
                null,
                keys.configuredRenewalToken(key, account),
                null,
                null,
                now,
                false,
                null);
    }

    private PlatformCredential renewX(String key, Account account, PlatformCredential current, Instant now) {
        PlatformCredential from = current != null && current.renewalToken() != null ? current : base(key, account, now);
        try {
            XTokenEndpoint.Tokens t = x.refresh(account, from.renewalToken());
            PlatformCredential renewed = new PlatformCredential(
                    key,
                    "x",
                    from.bootstrap(),
                    t.accessToken(),
                    now.plusSeconds(t.expiresIn()),
                    t.refreshToken() == null ? from.renewalToken() : t.refreshToken(),
                    null,
                    null,
                    now,
                    false,
                    null);
            metrics.renewed(account, "renewed");
            log.info("credential {} renewed, expires in {} s", key, t.expiresIn());
            return renewed;
        } catch (CredentialRefusedException e) {
            metrics.renewed(account, "refused");
            log.warn("credential {}: {}", key, e.getMessage());
            return from.failed(true, e.getMessage());
        } catch (RuntimeException e) {
            metrics.renewed(account, "failed");
            log.warn(
                    "credential {} renewal failed, retrying: {}",
                    key,
                    e.getClass().getSimpleName());
            return from.failed(false, "X token endpoint unavailable; retrying");
        }
    }

    private PlatformCredential renewMeta(String key, Account account, PlatformCredential current, Instant now) {
        PlatformCredential from = current != null && current.accessToken() != null ? current : base(key, account, now);
        String pageId = key.substring(CredentialKeys.META_PAGE.length());
        try {
            MetaTokenEndpoint.Debugged page = meta.debug(account, from.accessToken());
            MetaTokenEndpoint.Debugged user = meta.debug(account, from.renewalToken());
            Duration lead = properties.meta().leadTime();
            boolean renew = !page.valid()
                    || !user.valid()
                    || lapsesWithin(page.expiresAt(), now, lead)
                    || lapsesWithin(user.expiresAt(), now, lead);
            metaCheckedAt.put(key, now);
            if (!renew) {
                return new PlatformCredential(
                        key,
                        "meta",
                        from.bootstrap(),
                        from.accessToken(),
                        page.expiresAt(),
                        from.renewalToken(),
                        user.expiresAt(),
                        earliest(page.dataAccessExpiresAt(), user.dataAccessExpiresAt()),
                        from.renewedAt(),
                        false,
                        null);
            }
            MetaTokenEndpoint.Exchanged exchanged = meta.exchange(account, from.renewalToken());
            String pageToken = meta.pageToken(account, pageId, exchanged.accessToken());
            MetaTokenEndpoint.Debugged renewedPage = meta.debug(account, pageToken);
            metrics.renewed(account, "renewed");
            log.info("credential {} renewed", key);
            return new PlatformCredential(
                    key,
                    "meta",
                    from.bootstrap(),
                    pageToken,
                    renewedPage.expiresAt(),
                    exchanged.accessToken(),
                    exchanged.expiresIn() == null ? null : now.plusSeconds(exchanged.expiresIn()),
                    renewedPage.dataAccessExpiresAt(),
                    now,
                    false,
                    null);
        } catch (CredentialRefusedException e) {
            metrics.renewed(account, "refused");
            log.warn("credential {}: {}", key, e.getMessage());
            return from.failed(true, e.getMessage());
        } catch (RuntimeException e) {
            metrics.renewed(account, "failed");
            log.warn(
                    "credential {} renewal failed, retrying: {}",
                    key,
                    e.getClass().getSimpleName());
            return from.failed(false, "Meta Graph API unavailable for the token check; retrying");
        }
    }

    private static boolean lapsesWithin(Instant at, Instant now, Duration lead) {
        return at != null && !now.isBefore(at.minus(lead));
    }

    private static Instant earliest(Instant a, Instant b) {
        return a == null ? b : b == null ? a : a.isBefore(b) ? a : b;
    }

    List<String> keys() {
        return List.copyOf(keys.byKey().keySet());
    }
}
