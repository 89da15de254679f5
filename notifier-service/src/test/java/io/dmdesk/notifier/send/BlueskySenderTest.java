package io.dmdesk.notifier.send;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dmdesk.contracts.Author;
import io.dmdesk.contracts.Platform;
import io.dmdesk.contracts.TriagedReport;
import io.dmdesk.contracts.Urgency;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Bluesky: a chat message into the citizen's conversation through the PDS, once, found again after a lost outcome. */
class BlueskySenderTest extends SandboxSenderTest {

    private static final String ACCOUNT = "demopolice.bsky.social";

    @Test
    void reportOnBlueskyIsAcknowledgedOnceInTheSameConversation() {
        String handle = newHandle("b") + ".bsky.social";
        TriagedReport report = fromCitizen(handle, "my bike was stolen", Urgency.ROUTINE);
        publish(report);
        publish(report);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> replies("bluesky", handle).size() == 1);
        await().pollDelay(Duration.ofSeconds(3)).until(() -> true);
        assertThat(replies("bluesky", handle)).singleElement().satisfies(r -> {
            assertThat(r.get("text").toString()).contains(report.reference());
            assertThat(r.get("conversationId")).isEqualTo(report.source().conversationId());
        });
    }

    @Test
    void emergencyOnBlueskyGetsTheAdviceFirst() {
        String handle = newHandle("b") + ".bsky.social";
        TriagedReport report = fromCitizen(handle, "there is a fight outside with knives", Urgency.EMERGENCY);
        publish(report);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> replies("bluesky", handle).size() == 1);
        assertThat(replies("bluesky", handle).get(0).get("text").toString())
                .startsWith("If you or someone else is in danger right now, call 999")
                .contains(report.reference());
    }

    @Test
    void sendWhoseOutcomeWasLostIsFoundInTheConversationNotSentAgain() {
        String handle = newHandle("b") + ".bsky.social";
        TriagedReport report = fromCitizen(handle, "someone took my wallet", Urgency.ROUTINE);
        publish(report);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> replies("bluesky", handle).size() == 1);
        loseOutcome(report, "ACKNOWLEDGEMENT");
        publish(report);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> "SENT".equals(intent(report, "ACKNOWLEDGEMENT").getString("state")));
        assertThat(intent(report, "ACKNOWLEDGEMENT").getBoolean("reconciled")).isTrue();
        assertThat(replies("bluesky", handle)).hasSize(1);
    }

    private TriagedReport fromCitizen(String handle, String text, Urgency urgency) {
        Map<?, ?> dm = write("bluesky", ACCOUNT, handle, text);
        // As intake reads the chat log: conversation = convoId, native id = message id, author = the DID.
        return report(
                Platform.BLUESKY,
                "bluesky-demopolice",
                ACCOUNT,
                String.valueOf(dm.get("conversationId")),
                String.valueOf(dm.get("id")),
                new Author(String.valueOf(dm.get("senderId")), null, null),
                text,
                Instant.now(),
                urgency,
                "en");
    }
}
