package io.dmdesk.notifier.send;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.LinkedHashMap;
import java.util.Map;
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

    public enum State { UP, DEGRADED, RATE_LIMITED, CREDENTIALS_INVALID }

    private final Map<String, State> states = new ConcurrentHashMap<>();
    private final Map<String, String> problems = new ConcurrentHashMap<>();
    private final MeterRegistry meters;

    SenderHealth(MeterRegistry meters) {
        this.meters = meters;
    }

    public void report(String platform, String accountId, State state, String problem) {
        if (states.put(accountId, state) == null) {
            Gauge.builder("dmdesk.notifier.sender.state", states, s -> s.getOrDefault(accountId, State.UP).ordinal())
                    .description("0 UP, 1 DEGRADED, 2 RATE_LIMITED, 3 CREDENTIALS_INVALID")
                    .tags("platform", platform, "account", accountId).register(meters);
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
            builder.withDetail(account, detail);
        });
    }
}
