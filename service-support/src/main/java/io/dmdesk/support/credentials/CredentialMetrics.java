package io.dmdesk.support.credentials;

import io.dmdesk.contracts.Platform;
import io.dmdesk.support.accounts.AccountsProperties;
import io.dmdesk.support.accounts.AccountsProperties.Account;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * Credential expiry as metrics and as the connector panel's status, per account (labels platform and account
 * config id, as every connector metric): {@code dmdesk_credential_expiry_seconds} (NaN when it never lapses or is
 * not known yet), {@code dmdesk_credential_warn_before_seconds} (the configured warning time, so the alert rule
 * documents the service's configuration), {@code dmdesk_credential_warning} (1 when {@link #warning} says a person
 * should act; the alert rule fires on it), {@code dmdesk_credential_reconnect_required} and
 * {@code dmdesk_credential_renewals_total{outcome}}.
 */
public class CredentialMetrics {

    private final MeterRegistry meters;
    private final CredentialProperties properties;
    private final Clock clock;
    private final CredentialKeys keys;
    private final AccessTokens tokens;

    public CredentialMetrics(
            MeterRegistry meters,
            CredentialProperties properties,
            Clock clock,
            CredentialKeys keys,
            AccessTokens tokens) {
        this.meters = meters;
        this.properties = properties;
        this.clock = clock;
        this.keys = keys;
        this.tokens = tokens;
    }

    /** Registers the gauges of every account whose credential is renewed. */
    void register(AccountsProperties accounts) {
        for (Account a : accounts.accounts()) {
            if (keys.key(a) == null) {
                continue;
            }
            String platform = a.platform().code();
            Gauge.builder("dmdesk.credential.expiry.seconds", () -> expirySeconds(a))
                    .description("seconds until the account's credential lapses unless renewed (NaN: never or unknown)")
                    .tags("platform", platform, "account", a.id())
                    .register(meters);
            Gauge.builder(
                            "dmdesk.credential.warn.before.seconds",
                            () -> warnBefore(a).toSeconds())
                    .description("the configured warning time before a credential lapses")
                    .tags("platform", platform, "account", a.id())
                    .register(meters);
            Gauge.builder(
                            "dmdesk.credential.warning",
                            () -> warning(a, tokens.storedAny(a).orElse(null)) == null ? 0 : 1)
                    .description("1 when a person should act: the credential lapses within the warning time unrenewed")
                    .tags("platform", platform, "account", a.id())
                    .register(meters);
            Gauge.builder(
                            "dmdesk.credential.reconnect.required",
                            () -> tokens.storedAny(a)
                                    .map(c -> c.reconnectRequired() ? 1 : 0)
                                    .orElse(0))
                    .description("1 when the platform refused the renewal: a person must re-connect the account")
                    .tags("platform", platform, "account", a.id())
                    .register(meters);
        }
    }

    void renewed(Account account, String outcome) {
        Counter.builder("dmdesk.credential.renewals")
                .tags("platform", account.platform().code(), "account", account.id(), "outcome", outcome)
                .register(meters)
                .increment();
    }

    private double expirySeconds(Account a) {
        Instant lapses = tokens.storedAny(a).map(PlatformCredential::lapsesAt).orElse(null);
        return lapses == null
                ? Double.NaN
                : Duration.between(clock.instant(), lapses).toMillis() / 1000.0;
    }

    Duration warnBefore(Account a) {
        return CredentialKeys.isMeta(a.platform())
                ? properties.meta().warnBefore()
                : properties.x().warnBefore();
    }

    /** The connector panel's view of an account's credential. */
    public CredentialStatus status(Account a) {
        if (keys.key(a) == null) {
            return CredentialStatus.NOT_RENEWED;
        }
        PlatformCredential c = tokens.storedAny(a).orElse(null);
        String warning = warning(a, c);
        return new CredentialStatus(
                true, c == null ? null : c.lapsesAt(), warning, warning == null ? null : reconnectStep(a));
    }

    /**
     * Why a person should act now, or null: the renewal was refused; the access token lapses within the warning
     * time and was not renewed when its lead time came (so renewal is failing); or Meta's data access lapses within
     * the warning time (no renewal extends it, only a new login).
     */
    String warning(Account a, PlatformCredential c) {
        if (c == null) {
            return null;
        }
        if (c.reconnectRequired()) {
            return c.problem();
        }
        Instant now = clock.instant();
        Duration warn = warnBefore(a);
        if (c.dataAccessExpiresAt() != null
                && !now.isBefore(c.dataAccessExpiresAt().minus(warn))) {
            return "Meta data access lapses at " + c.dataAccessExpiresAt()
                    + "; no renewal extends it, only a page admin logging in again";
        }
        Duration lead = CredentialKeys.isMeta(a.platform())
                ? properties.meta().leadTime()
                : properties.x().leadTime();
        Duration threshold = warn.compareTo(lead) < 0 ? warn : lead;
        if (c.expiresAt() != null && !now.isBefore(c.expiresAt().minus(threshold))) {
            return "the token lapses at " + c.expiresAt() + " and was not renewed"
                    + (c.problem() == null ? "" : ": " + c.problem());
        }
        return null;
    }

    /** What a person does to re-connect this account (also for accounts whose token is not renewed). */
    public String reconnectStepOf(Account a) {
        return reconnectStep(a);
    }

    private static String reconnectStep(Account a) {
        String id = a.id().toUpperCase(Locale.ROOT).replace('-', '_');
        if (CredentialKeys.isMeta(a.platform())) {
            return "A page admin logs in to the DM Desk Meta app again (Facebook Login with pages_messaging, "
                    + "pages_read_engagement, pages_manage_metadata, instagram_manage_messages), exchanges the token for a "
                    + "long-lived user token, sets it as META_USER_TOKEN for the page (and META_PAGE_TOKEN), and restarts "
                    + "intake and notifier";
        }
        if (a.platform() != Platform.X) {
            return "Issue a new " + a.platform().code() + " token (or app password) for the account, set it in the "
                    + "secret store (intake README, Configuration), and restart intake and notifier";
        }
        return "Sign in as the account through the app's OAuth 2.0 flow (scopes tweet.read users.read dm.read dm.write "
                + "tweet.write offline.access), set X_REFRESH_TOKEN_" + id.substring(id.indexOf('_') + 1)
                + " and X_TOKEN_" + id.substring(id.indexOf('_') + 1)
                + " to the new tokens, and restart intake and notifier";
    }
}
