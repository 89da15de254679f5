package io.dmdesk.intake.x;

import static io.dmdesk.intake.IntakeHarness.published;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dmdesk.intake.IntakeHarness;
import io.dmdesk.intake.RequestWindows;
import io.dmdesk.support.platform.AccountState;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A sandbox with tiny X budgets (3 requests per endpoint and token per 2 s window) against a poller asking
 * every 100 ms: the connector hits 429s, waits for x-rate-limit-reset and still hands on every message once. The
 * sandbox's request log proves no request went to a limited endpoint before the reset it announced.
 */
class XRateLimitFaultTest {

    @Test
    void a429StormIsRiddenOutAndEveryMessageArrivesOnce() {
        try (IntakeHarness harness = IntakeHarness.start(
                List.of(
                        "--sandbox.x.rate-limit.dm-events=3",
                        "--sandbox.x.rate-limit.mentions=3",
                        "--sandbox.x.rate-limit.window=2s"),
                "--intake.poll-interval=PT0.1S")) {
            Set<AccountState> seen = ConcurrentHashMap.newKeySet();
            ScheduledExecutorService watcher = Executors.newSingleThreadScheduledExecutor();
            watcher.scheduleAtFixedRate(
                    () -> {
                        AccountState s = harness.state("x-demopolice");
                        if (s != null) {
                            seen.add(s);
                        }
                    },
                    0,
                    20,
                    TimeUnit.MILLISECONDS);
            try {
                await().atMost(Duration.ofSeconds(20)).until(() -> seen.contains(AccountState.RATE_LIMITED));
                Map<String, Object> dm =
                        harness.citizenWrites("x", "dm", "DemoPolice", "rl_dm", "my van was broken into");
                Map<String, Object> mention =
                        harness.citizenWrites("x", "mention", "DemoPolice", "rl_mention", "fight outside pub");
                Map<String, Object> other =
                        harness.citizenWrites("x", "dm", "PCJonesDemo", "rl_other", "car alarm all night");

                await().atMost(Duration.ofSeconds(30)).until(() -> published("x:" + dm.get("id")), l -> l.size() == 1);
                await().atMost(Duration.ofSeconds(30))
                        .until(() -> published("x:" + mention.get("id")), l -> l.size() == 1);
                await().atMost(Duration.ofSeconds(30))
                        .until(() -> published("x:" + other.get("id")), l -> l.size() == 1);
                // Each endpoint has its own window on X: no request to it before the reset it announced.
                RequestWindows demo = harness.requests("x", "DemoPolice");
                assertThat(demo.rateLimited()).isNotEmpty();
                demo.assertNoRequestBeforeAnnouncedReset(0);
                harness.requests("x", "PCJonesDemo").assertNoRequestBeforeAnnouncedReset(0);
                await().pollDelay(Duration.ofSeconds(1))
                        .atMost(Duration.ofSeconds(2))
                        .until(() -> true);
                assertThat(published("x:" + dm.get("id"))).hasSize(1);
                assertThat(published("x:" + mention.get("id"))).hasSize(1);
                assertThat(published("x:" + other.get("id"))).hasSize(1);
                assertThat(seen).contains(AccountState.RATE_LIMITED, AccountState.UP);
                double rateLimitedPolls = harness
                        .intake
                        .getBean(MeterRegistry.class)
                        .find("dmdesk.intake.poll")
                        .tag("account", "x-demopolice")
                        .timers()
                        .stream()
                        .mapToDouble(t -> t.count())
                        .sum();
                // With 100 ms polls over >= 2 s, far more than the allowed 3+3 per window would be made if the
                // connector ignored the reset header; it pauses instead.
                System.out.println("X 429 storm: polls attempted for x-demopolice = " + (long) rateLimitedPolls);
            } finally {
                watcher.shutdownNow();
            }
        }
    }
}
