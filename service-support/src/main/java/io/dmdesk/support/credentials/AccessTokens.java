package io.dmdesk.support.credentials;

import io.dmdesk.support.accounts.AccountsProperties.Account;
import io.dmdesk.support.schedule.PeriodicTask;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The token to call a platform with, for every caller in the service (pollers, senders): the newest renewed one
 * from the store, else the configured one. Re-reads the store every {@code dmdesk.credentials.reload-interval}, so
 * a token renewed by another service (or replica) is used within that time; a renewal here is seen at once.
 */
public class AccessTokens extends PeriodicTask {

    private final CredentialStore store;
    private final CredentialKeys keys;
    private final Map<String, PlatformCredential> cache = new ConcurrentHashMap<>();

    public AccessTokens(CredentialStore store, CredentialKeys keys, CredentialProperties properties) {
        super("access-tokens-reload", Duration.ZERO, properties.reloadInterval());
        this.store = store;
        this.keys = keys;
    }

    /** The bearer token for this account now. */
    public String current(Account account) {
        return stored(account).map(PlatformCredential::accessToken).orElse(account.token());
    }

    /** The renewed credential this account uses, if any (one renewed from the configured tokens now in effect). */
    public Optional<PlatformCredential> stored(Account account) {
        String key = keys.key(account);
        if (key == null) {
            return Optional.empty();
        }
        PlatformCredential c = cache.get(key);
        if (c == null
                || c.accessToken() == null
                || !keys.bootstrap(key, account).equals(c.bootstrap())) {
            return Optional.empty();
        }
        return Optional.of(c);
    }

    /** The stored credential of the configuration now in effect, also when renewal failed before a token came. */
    public Optional<PlatformCredential> storedAny(Account account) {
        String key = keys.key(account);
        PlatformCredential c = key == null ? null : cache.get(key);
        return c != null && keys.bootstrap(key, account).equals(c.bootstrap()) ? Optional.of(c) : Optional.empty();
    }

    /** What this service just renewed: used from now on, without waiting for the next reload. */
    void renewed(PlatformCredential credential) {
        cache.put(credential.key(), credential);
    }

    /** Reads the store once before the callers start (senders, pollers), then every reload interval. */
    @Override
    public void start() {
        try {
            refresh();
        } catch (RuntimeException e) {
            // The store may be starting too: the configured tokens serve until the next reload.
        }
        super.start();
    }

    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 300;
    }

    @Override
    public void refresh() {
        for (PlatformCredential c : store.all()) {
            cache.put(c.key(), c);
        }
    }
}
