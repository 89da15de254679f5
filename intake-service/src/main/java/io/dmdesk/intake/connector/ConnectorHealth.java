package io.dmdesk.intake.connector;

import io.dmdesk.contracts.InboundMessage;
import io.dmdesk.intake.publish.HandOffListener;
import io.dmdesk.support.accounts.AccountsProperties;
import io.dmdesk.support.credentials.CredentialMetrics;
import io.dmdesk.support.credentials.CredentialStatus;
import io.dmdesk.support.platform.AccountState;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;

/**
 * Per-account connector state, as metrics and as actuator health details. The service stays UP when one
 * account is broken (restarting would not fix a revoked token); the details say which and why.
 */
@Component("connectors")
public class ConnectorHealth extends AbstractHealthIndicator implements HandOffListener {

    private final Map<String, Status> statuses = new ConcurrentHashMap<>();
    private final MeterRegistry meters;
    private final Clock clock;
    private final ObjectProvider<AccountsProperties> accounts;
    private final ObjectProvider<CredentialMetrics> credentials;

    ConnectorHealth(
            MeterRegistry meters,
            Clock clock,
            ObjectProvider<AccountsProperties> accounts,
            ObjectProvider<CredentialMetrics> credentials) {
        this.meters = meters;
        this.clock = clock;
        this.accounts = accounts;
        this.credentials = credentials;
    }

    public void register(String accountId, String platform) {
        status(accountId, platform);
    }

    private Status status(String accountId, String platform) {
        boolean[] created = {false};
        Status status = statuses.computeIfAbsent(accountId, id -> {
            created[0] = true;
            return new Status(platform);
        });
        if (!created[0]) {
            return status;
        }
        Gauge.builder("dmdesk.connector.state", status, s -> s.state.level())
                .description("0 UP, 1 DEGRADED, 2 RATE_LIMITED, 3 CREDENTIALS_INVALID")
                .tags("platform", platform, "account", accountId)
                .register(meters);
        Gauge.builder("dmdesk.connector.rate.limit.remaining", status, s -> s.rateLimitRemaining)
                .tags("platform", platform, "account", accountId)
                .register(meters);
        Gauge.builder(
                        "dmdesk.connector.last.success.age.seconds",
                        status,
                        s -> s.lastSuccess == null
                                ? -1
                                : clock.instant().getEpochSecond() - s.lastSuccess.getEpochSecond())
                .tags("platform", platform, "account", accountId)
                .register(meters);
        // Cursor lag: how old the newest message seen on this account is; grows when a connector falls behind.
        Gauge.builder(
                        "dmdesk.intake.cursor.lag.seconds",
                        status,
                        s -> s.newestSeen == null
                                ? -1
                                : clock.instant().getEpochSecond() - s.newestSeen.getEpochSecond())
                .tags("platform", platform, "account", accountId)
                .register(meters);
        return status;
    }

    @Override
    public void offered(InboundMessage message) {
        observed(message.account().id(), message.platform().code(), message.platformTimestamp());
    }

    /** A message of this account was handed on; its platform timestamp feeds the cursor-lag gauge. */
    public void observed(String accountId, String platform, Instant platformTimestamp) {
        Status s = status(accountId, platform);
        if (platformTimestamp != null && (s.newestSeen == null || platformTimestamp.isAfter(s.newestSeen))) {
            s.newestSeen = platformTimestamp;
        }
    }

    public void success(String accountId, Integer rateLimitRemaining) {
        Status s = statuses.get(accountId);
        s.state = AccountState.UP;
        s.lastSuccess = clock.instant();
        s.problem = null;
        if (rateLimitRemaining != null) {
            s.rateLimitRemaining = rateLimitRemaining;
        }
    }

    public void failure(String accountId, AccountState state, String problem) {
        Status s = statuses.get(accountId);
        s.state = state;
        s.problem = problem;
        if (state == AccountState.RATE_LIMITED) {
            s.rateLimitRemaining = 0;
        }
    }

    public AccountState state(String accountId) {
        Status s = statuses.get(accountId);
        return s == null ? null : s.state;
    }

    /** Every registered account's status, ordered by account id (for the operators' connector panel). */
    public List<AccountStatus> snapshot() {
        return statuses.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .map(e -> new AccountStatus(
                        e.getKey(),
                        e.getValue().platform,
                        e.getValue().state,
                        e.getValue().lastSuccess,
                        (long) e.getValue().rateLimitRemaining,
                        e.getValue().problem))
                .toList();
    }

    /** One account's connector: rate limit -1 when the platform has not said; problem null when healthy. */
    public record AccountStatus(
            String accountId,
            String platform,
            AccountState state,
            Instant lastSuccess,
            long rateLimitRemaining,
            String problem) {}

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        builder.up();
        statuses.forEach((id, s) -> {
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("platform", s.platform);
            detail.put("state", s.state.name());
            detail.put("lastSuccess", s.lastSuccess == null ? "never" : s.lastSuccess.toString());
            detail.put("rateLimitRemaining", s.rateLimitRemaining);
            if (s.problem != null) {
                detail.put("problem", s.problem);
            }
            credential(id).ifPresent(c -> {
                detail.put(
                        "credentialExpiresAt",
                        c.expiresAt() == null
                                ? "never or unknown"
                                : c.expiresAt().toString());
                if (c.warning() != null) {
                    detail.put("credentialWarning", c.warning());
                    detail.put("reconnectStep", c.reconnectStep());
                }
            });
            builder.withDetail(id, detail);
        });
    }

    /** The account's renewed credential as the connector panel shows it; empty when its token is not renewed. */
    private Optional<CredentialStatus> credential(String accountId) {
        AccountsProperties configured = accounts.getIfAvailable();
        CredentialMetrics metrics = credentials.getIfAvailable();
        if (configured == null || metrics == null) {
            return Optional.empty();
        }
        return configured.byId(accountId).map(metrics::status).filter(CredentialStatus::renewed);
    }

    private static final class Status {
        final String platform;
        volatile AccountState state = AccountState.DEGRADED;
        volatile Instant lastSuccess;
        volatile Instant newestSeen;
        volatile double rateLimitRemaining = -1;
        volatile String problem = "not polled yet";

        Status(String platform) {
            this.platform = platform;
        }
    }
}
