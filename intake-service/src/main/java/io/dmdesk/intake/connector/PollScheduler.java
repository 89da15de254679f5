package io.dmdesk.intake.connector;

import io.dmdesk.intake.IntakeProperties;
import io.dmdesk.support.accounts.AccountsProperties;
import io.dmdesk.support.accounts.AccountsProperties.Account;
import io.dmdesk.support.platform.AccountState;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Pulls every account on its own schedule, on its own thread, so one slow or broken account never stalls
 * the others. A rate-limited account waits until the platform's reset time.
 */
@Component
class PollScheduler implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(PollScheduler.class);

    private final List<Account> accounts;
    private final List<PullConnector> connectors;
    private final ConnectorHealth health;
    private final IntakeProperties properties;
    private final MeterRegistry meters;
    private final AccountGuards guards;
    private final Clock clock;
    private final Map<String, Instant> pausedUntil = new ConcurrentHashMap<>();
    private ScheduledExecutorService executor;

    PollScheduler(
            AccountsProperties accounts,
            List<PullConnector> connectors,
            ConnectorHealth health,
            IntakeProperties properties,
            MeterRegistry meters,
            AccountGuards guards,
            Clock clock) {
        this.accounts = accounts.accounts();
        this.connectors = connectors;
        this.health = health;
        this.properties = properties;
        this.meters = meters;
        this.guards = guards;
        this.clock = clock;
    }

    @Override
    public void start() {
        executor = Executors.newScheduledThreadPool(Math.max(2, Math.min(accounts.size() * 2, 16)), r -> {
            Thread t = new Thread(r, "poll");
            t.setDaemon(true);
            return t;
        });
        for (Account account : accounts) {
            List<PullConnector> mine =
                    connectors.stream().filter(c -> c.supports(account)).toList();
            if (mine.isEmpty()) {
                log.warn("no pull connector for platform {} (account {})", account.platform(), account.id());
                continue;
            }
            health.register(account.id(), account.platform().code());
            // One schedule per stream (DMs, mentions, ...): a slow stream does not hold up the account's others.
            for (PullConnector connector : mine) {
                executor.scheduleWithFixedDelay(
                        () -> pollOnce(connector, account),
                        0,
                        properties.pollInterval().toMillis(),
                        TimeUnit.MILLISECONDS);
            }
        }
    }

    void pollOnce(PullConnector connector, Account account) {
        // Rate limits are per account and token on every platform here, so a pause holds all its streams.
        Instant until = pausedUntil.get(account.id());
        if (until != null && clock.instant().isBefore(until)) {
            return;
        }
        MDC.put("account", account.id());
        Timer.Sample sample = Timer.start(meters);
        try {
            if (guards.run(account.id(), () -> connector.pull(account))) {
                // Only an ended pause: another stream of the account may have been told to wait meanwhile, and
                // this stream's success (its request sent before that) must not cancel that pause.
                pausedUntil.computeIfPresent(
                        account.id(), (id, u) -> clock.instant().isBefore(u) ? u : null);
            }
        } catch (PlatformApiException e) {
            health.failure(account.id(), e.state(), e.getMessage());
            if (e.retryAfter() != null) {
                pausedUntil.put(account.id(), e.retryAfter());
            }
            log.warn("pull failed: {} ({})", e.state(), e.getMessage());
        } catch (RuntimeException e) {
            // Kafka or store unavailable, or an unexpected answer: nothing was acknowledged past the cursor.
            health.failure(account.id(), AccountState.DEGRADED, e.getClass().getSimpleName());
            // Class name only: client exception messages carry request URLs, and Telegram's carry the bot token.
            log.warn("pull failed: {}", e.getClass().getSimpleName());
        } finally {
            sample.stop(meters.timer(
                    "dmdesk.intake.poll", "platform", account.platform().code(), "account", account.id()));
            MDC.remove("account");
        }
    }

    @Override
    public void stop() {
        if (executor != null) {
            executor.shutdown();
            try {
                executor.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            executor = null;
        }
    }

    @Override
    public boolean isRunning() {
        return executor != null;
    }

    @Override
    public int getPhase() {
        // Start after the Kafka bindings, stop before them.
        return Integer.MAX_VALUE - 100;
    }
}
