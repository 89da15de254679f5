package io.dmdesk.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dmdesk.contracts.Topics;
import io.dmdesk.support.platform.AccountState;
import io.dmdesk.testsupport.TestKafka;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * How fast a pull connector drains a backlog, over the real broker and store: a backlog of DMs from many
 * citizens builds up while the account's token is expired; once renewed, the time from the first to the last
 * publish gives messages per second. Every message must arrive exactly once. The rate is printed, not
 * asserted (this machine is shared); the numbers are in intake-service/README.md.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IntakeThroughputTest {

    static final int CITIZENS = 30;
    static final int PER_CITIZEN = 10;

    IntakeHarness harness;

    @BeforeAll
    void start() {
        harness = IntakeHarness.start(List.of(), "--intake.poll-interval=PT0.2S", "--intake.telegram.long-poll=PT1S");
    }

    @AfterAll
    void stop() {
        harness.close();
    }

    @Test
    void telegramBacklogDrainsExactlyOnce() {
        drain("telegram", "DemoPoliceBot", "telegram-demopolice");
    }

    @Test
    void mastodonBacklogDrainsExactlyOnce() {
        drain("mastodon", "DemoPolice", "mastodon-demopolice");
    }

    private void drain(String platform, String account, String accountId) {
        // A connected account (a stored cursor), so the drain measured is the steady state, not the first-connect
        // backfill.
        harness.citizenWrites(platform, "dm", account, "tp_" + platform + "_first", "hello");
        await().atMost(Duration.ofSeconds(30)).until(() -> published(platform, accountId) >= 1);
        harness.fault(platform, "expired-token", account, true);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> harness.state(accountId) == AccountState.CREDENTIALS_INVALID);
        String run = "tp-" + UUID.randomUUID().toString().substring(0, 8);
        for (int m = 0; m < PER_CITIZEN; m++) {
            for (int c = 0; c < CITIZENS; c++) {
                harness.citizenWrites(
                        platform,
                        "dm",
                        account,
                        "tp_" + platform + "_" + c,
                        "bike stolen " + run + "-" + c + "-" + m + ".");
            }
        }
        int total = CITIZENS * PER_CITIZEN;
        double before = published(platform, accountId);
        harness.fault(platform, "expired-token", account, false);

        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(5))
                .until(() -> published(platform, accountId) > before);
        long first = System.nanoTime();
        await().atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(5))
                .until(() -> published(platform, accountId) >= before + total);
        double seconds = (System.nanoTime() - first) / 1e9;
        System.out.printf(
                "THROUGHPUT %s: %d messages drained in %.2f s = %.0f messages/s%n",
                platform, total, seconds, (total - 1) / seconds);

        await().pollDelay(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(2)).until(() -> true);
        Map<String, Long> copies = TestKafka.records(Topics.SOCIAL_INBOUND.name()).stream()
                .map(r -> r.value())
                .filter(v -> v.contains(run))
                .map(v -> v.substring(v.indexOf(run), v.indexOf('.', v.indexOf(run))))
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        assertThat(copies).hasSize(total);
        assertThat(copies.values()).allMatch(n -> n == 1);
    }

    private double published(String platform, String accountId) {
        return harness
                .intake
                .getBean(MeterRegistry.class)
                .find("dmdesk.intake.messages")
                .tags("platform", platform, "account", accountId)
                .counters()
                .stream()
                .mapToDouble(Counter::count)
                .sum();
    }
}
