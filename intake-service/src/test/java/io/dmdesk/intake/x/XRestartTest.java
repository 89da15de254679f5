package io.dmdesk.intake.x;

import static io.dmdesk.intake.IntakeHarness.published;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dmdesk.intake.IntakeHarness;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Intake restarts while citizens keep writing: every message arrives, each once (cursors and seen are in Mongo). */
class XRestartTest {

    @Test
    void aRestartMidStreamLosesNothingAndRepeatsNothing() throws Exception {
        Path dataDir = Files.createTempDirectory("sandbox-restart");
        try (IntakeHarness harness =
                IntakeHarness.start(List.of("--sandbox.data-dir=" + dataDir), "--intake.poll-interval=PT0.1S")) {
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                ids.add("x:"
                        + harness.citizenWrites(
                                        "x", i % 2 == 0 ? "dm" : "mention", "DemoPolice", "restart_" + i, "msg " + i)
                                .get("id"));
            }
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> !published(ids.get(0)).isEmpty());
            harness.stopIntakeAndSandbox(); // mid-stream: later messages are written while intake is down
            harness.startSandboxAgain();
            for (int i = 10; i < 20; i++) {
                Map<String, Object> sent = harness.citizenWrites(
                        "x", i % 2 == 0 ? "dm" : "mention", "DemoPolice", "restart_" + i, "msg " + i);
                ids.add("x:" + sent.get("id"));
            }
            harness.startIntakeAgain();

            for (String id : ids) {
                await().atMost(Duration.ofSeconds(30)).until(() -> published(id), l -> !l.isEmpty());
            }
            await().pollDelay(Duration.ofSeconds(1))
                    .atMost(Duration.ofSeconds(2))
                    .until(() -> true);
            assertThat(ids).allSatisfy(id -> assertThat(published(id)).hasSize(1));
        }
    }
}
