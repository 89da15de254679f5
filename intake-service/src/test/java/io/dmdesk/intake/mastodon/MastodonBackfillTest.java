package io.dmdesk.intake.mastodon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dmdesk.contracts.EventJson;
import io.dmdesk.contracts.InboundMessage;
import io.dmdesk.contracts.Topics;
import io.dmdesk.intake.IntakeHarness;
import io.dmdesk.support.platform.AccountState;
import io.dmdesk.testsupport.TestKafka;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * First connect of a Mastodon account with more mentions waiting than one page holds (80): every one inside the
 * backfill window is imported exactly once, not only the newest page. Real broker and store, sandbox Mastodon.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MastodonBackfillTest {

    static final int WAITING = 200;

    IntakeHarness harness;

    @BeforeAll
    void start() {
        harness = IntakeHarness.start(List.of(), "--intake.poll-interval=PT0.2S");
    }

    @AfterAll
    void stop() {
        harness.close();
    }

    @Test
    void firstConnectImportsEveryMentionInTheWindowAcrossPages() {
        // Keep the account from reading until the backlog is there: it has no cursor yet (nothing to read so far).
        harness.fault("mastodon", "expired-token", "PCJones", true);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> harness.state("mastodon-pcjones") == AccountState.CREDENTIALS_INVALID);
        List<Object> ids = new ArrayList<>();
        for (int i = 0; i < WAITING; i++) {
            Map<String, Object> dm = harness.citizenWrites(
                    "mastodon", "dm", "PCJones", "masto_backlog_" + (i % 40), "my bike was stolen, message " + i);
            ids.add(dm.get("id"));
        }
        harness.fault("mastodon", "expired-token", "PCJones", false);

        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> copies(ids).size() == WAITING);
        await().pollDelay(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(2)).until(() -> true);
        Map<String, Long> copies = copies(ids);
        assertThat(copies).hasSize(WAITING);
        assertThat(copies.values()).as("each mention published exactly once").allMatch(n -> n == 1);
    }

    /** How often each of these mentions is on social.inbound (one read of the topic). */
    private static Map<String, Long> copies(List<Object> ids) {
        Set<String> wanted = ids.stream().map(id -> "mastodon:" + id).collect(Collectors.toSet());
        return TestKafka.records(Topics.SOCIAL_INBOUND.name()).stream()
                .map(r -> EventJson.fromJson(r.value(), InboundMessage.class).messageId())
                .filter(wanted::contains)
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    }
}
