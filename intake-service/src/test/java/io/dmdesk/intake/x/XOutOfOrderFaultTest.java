package io.dmdesk.intake.x;

import static io.dmdesk.intake.IntakeHarness.published;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dmdesk.intake.IntakeHarness;
import io.dmdesk.intake.cursor.CursorStore;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The sandbox's X {@code out-of-order} fault: pull pages list their items oldest first with the newest repeated,
 * and webhook deliveries are held back, then delivered newest first, each twice. Over the real broker and store:
 * every message is published exactly once, and neither X cursor ever moves backwards; each ends at the greatest
 * id handed on (since_id = max id seen, not the last one listed).
 */
class XOutOfOrderFaultTest {

    @Test
    void outOfOrderAndRepeatedPagesAndWebhooksPublishEachMessageOnceAndCursorsNeverMoveBack() {
        try (IntakeHarness harness = IntakeHarness.start(List.of(), "--intake.poll-interval=PT0.2S")) {
            harness.registerWebhook("x", XWebhookController.PATH);
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> "valid".equals(harness.webhookStatus("x").get("crc")));
            // A connected account: both cursors stored.
            Map<String, Object> firstDm = harness.citizenWrites("x", "dm", "DemoPolice", "ooo_first", "hello");
            Map<String, Object> firstMention = harness.citizenWrites("x", "mention", "DemoPolice", "ooo_first2", "hi");
            await().atMost(Duration.ofSeconds(30)).until(() -> published("x:" + firstDm.get("id")), l -> l.size() == 1);
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> published("x:" + firstMention.get("id")), l -> l.size() == 1);

            CursorStore cursors = harness.intake.getBean(CursorStore.class);
            List<String> dmCursors = new CopyOnWriteArrayList<>();
            List<String> mentionCursors = new CopyOnWriteArrayList<>();
            ScheduledExecutorService watcher = Executors.newSingleThreadScheduledExecutor();
            watcher.scheduleAtFixedRate(
                    () -> {
                        cursors.get("x-demopolice", XDmConnector.STREAM).ifPresent(dmCursors::add);
                        cursors.get("x-demopolice", XMentionsConnector.STREAM).ifPresent(mentionCursors::add);
                    },
                    0,
                    20,
                    TimeUnit.MILLISECONDS);
            try {
                harness.fault("x", "out-of-order", null, true);
                List<String> dmIds = new ArrayList<>();
                List<String> mentionIds = new ArrayList<>();
                for (int i = 0; i < 5; i++) {
                    dmIds.add((String)
                            harness.citizenWrites("x", "dm", "DemoPolice", "ooo_dm" + i, "my shed was broken into " + i)
                                    .get("id"));
                    mentionIds.add((String) harness.citizenWrites(
                                    "x", "mention", "DemoPolice", "ooo_m" + i, "graffiti on the bridge " + i)
                            .get("id"));
                }
                List<String> all = new ArrayList<>(dmIds);
                all.addAll(mentionIds);
                // Webhooks are held: these arrive through the shuffled pulls.
                for (String id : all) {
                    await().atMost(Duration.ofSeconds(30)).until(() -> published("x:" + id), l -> l.size() == 1);
                }
                int deliveredBefore = ((Number) harness.webhookStatus("x").get("delivered")).intValue();
                harness.fault("x", "out-of-order", null, false); // the held webhooks now come, newest first, twice
                await().atMost(Duration.ofSeconds(30))
                        .until(() -> ((Number) harness.webhookStatus("x").get("delivered")).intValue()
                                >= deliveredBefore + 20);
                await().pollDelay(Duration.ofSeconds(1))
                        .atMost(Duration.ofSeconds(2))
                        .until(() -> true);
                for (String id : all) {
                    assertThat(published("x:" + id)).as(id).hasSize(1);
                }

                assertNeverBackwards(dmCursors);
                assertNeverBackwards(mentionCursors);
                String maxDm = dmIds.stream().max(XMessages.BY_ID).orElseThrow();
                String maxMention = mentionIds.stream().max(XMessages.BY_ID).orElseThrow();
                assertThat(cursors.get("x-demopolice", XDmConnector.STREAM)).contains(maxDm);
                assertThat(cursors.get("x-demopolice", XMentionsConnector.STREAM))
                        .contains(maxMention);
            } finally {
                watcher.shutdownNow();
            }
        }
    }

    private static void assertNeverBackwards(List<String> cursorsSeen) {
        assertThat(cursorsSeen).isNotEmpty();
        for (int i = 1; i < cursorsSeen.size(); i++) {
            assertThat(new BigInteger(cursorsSeen.get(i)))
                    .as("cursor after " + cursorsSeen.get(i - 1))
                    .isGreaterThanOrEqualTo(new BigInteger(cursorsSeen.get(i - 1)));
        }
    }
}
