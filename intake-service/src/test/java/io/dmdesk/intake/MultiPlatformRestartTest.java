package io.dmdesk.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dmdesk.contracts.Topics;
import io.dmdesk.testsupport.TestKafka;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.web.reactive.function.client.WebClientResponseException;

/**
 * Intake restarts while citizens keep writing on Telegram, Mastodon, Bluesky and Messenger: every message
 * arrives, each exactly once (cursors, offsets and the seen set are in the store, advanced after Kafka's ack).
 */
class MultiPlatformRestartTest {

    /** platform, channel, monitored account, citizen */
    private static final List<String[]> CHANNELS = List.of(
            new String[] {"telegram", "dm", "DemoPoliceBot", "tgrestart"},
            new String[] {"mastodon", "dm", "DemoPolice", "mastorestart"},
            new String[] {"mastodon", "mention", "DemoPolice", "mastorestart2"},
            new String[] {"bluesky", "dm", "demopolice.bsky.social", "restart.bsky.social"},
            new String[] {"bluesky", "mention", "demopolice.bsky.social", "restart2.bsky.social"},
            new String[] {"messenger", "dm", "DemoPolice", "fbrestart"});

    @Test
    void aRestartMidStreamLosesNothingAndRepeatsNothingOnEveryPlatform() throws Exception {
        Path dataDir = Files.createTempDirectory("sandbox-restart-all");
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<String> markers = new ArrayList<>();
        try (IntakeHarness harness =
                IntakeHarness.start(List.of("--sandbox.data-dir=" + dataDir), "--intake.poll-interval=PT0.2S")) {
            write(harness, run, 0, markers);
            await().atMost(Duration.ofSeconds(60)).until(() -> count(markers.get(0)) == 1);
            harness.stopIntakeAndSandbox(); // mid-stream: the next messages are written while intake is down
            harness.startSandboxAgain();
            write(harness, run, 1, markers);
            harness.startIntakeAgain();
            write(harness, run, 2, markers);

            for (String marker : markers) {
                await().atMost(Duration.ofSeconds(60)).until(() -> count(marker) >= 1);
            }
            await().pollDelay(Duration.ofSeconds(2))
                    .atMost(Duration.ofSeconds(4))
                    .until(() -> true);
            assertThat(markers)
                    .allSatisfy(marker -> assertThat(count(marker)).as(marker).isEqualTo(1));
        }
    }

    private static void write(IntakeHarness harness, String run, int round, List<String> markers) {
        for (String[] c : CHANNELS) {
            String marker = "rs-" + run + "-" + c[0] + "-" + c[1] + "-" + round;
            String text = (c[1].equals("mention") && !c[0].equals("bluesky") ? "@" + c[2] + " " : "")
                    + "my bike was stolen " + marker;
            try {
                harness.citizenWrites(c[0], c[1], c[2], c[3], text);
            } catch (WebClientResponseException e) {
                throw new AssertionError(c[0] + "/" + c[1] + ": " + e.getResponseBodyAsString(), e);
            }
            markers.add(marker);
        }
    }

    private static long count(String marker) {
        return TestKafka.records(Topics.SOCIAL_INBOUND.name()).stream()
                .filter(r -> r.value().contains(marker))
                .count();
    }
}
