package io.dmdesk.notifier.send;

import io.dmdesk.support.platform.AccountState;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;

/**
 * Per-account state of sending (UP, DEGRADED, RATE_LIMITED, CREDENTIALS_INVALID), as a metric and in
 * actuator health details: an expired send token shows here instead of acknowledgements silently stopping.
 */
@Component("senders")
public class SenderHealth extends AbstractHealthIndicator {

    private final Map<String, AccountState> states = new ConcurrentHashMap<>();
    private final Map<String, String> problems = new ConcurrentHashMap<>();
    private final Map<String, Instant> limitedUntil = new ConcurrentHashMap<>();
    private final MeterRegistry meters;
    private final Clock clock;

    SenderHealth(MeterRegistry meters, Clock clock) {
        this.meters = meters;
        this.clock = clock;
    }

    /** The platform said this account may send again at {@code until}: nothing is sent before then. */
    public void limitUntil(String accountId, Instant until) {
        limitedUntil.merge(accountId, until, (a, b) -> a.isAfter(b) ? a : b);
    }

    /** When the account's rate limit resets, if it is limited now. */
    public Optional<Instant> limitedUntil(String accountId) {
        Instant until = limitedUntil.get(accountId);
        if (until == null) {
            return Optional.empty();
        }
        if (!clock.instant().isBefore(until)) {
            limitedUntil.remove(accountId, until);
            return Optional.empty();
        }
        return Optional.of(until);
    }

    Instant now() {
        return clock.instant();
    }

    public void report(String platform, String accountId, AccountState state, String problem) {
        if (states.put(accountId, state) == null) {
            Gauge.builder(
                            "dmdesk.notifier.sender.state",
                            states,
                            s -> s.getOrDefault(accountId, AccountState.UP).level())
                    .description("0 UP, 1 DEGRADED, 2 RATE_LIMITED, 3 CREDENTIALS_INVALID")
                    .tags("platform", platform, "account", accountId)
                    .register(meters);
        }
        if (problem == null) {
            problems.remove(accountId);
        } else {
            problems.put(accountId, problem);
        }
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        builder.up();
        states.forEach((account, state) -> {
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("state", state.name());
            if (problems.containsKey(account)) {
                detail.put("problem", problems.get(account));
            }
            if (limitedUntil.get(account) != null && clock.instant().isBefore(limitedUntil.get(account))) {
                detail.put("limitedUntil", limitedUntil.get(account).toString());
            }
            builder.withDetail(account, detail);
        });
    }
}
