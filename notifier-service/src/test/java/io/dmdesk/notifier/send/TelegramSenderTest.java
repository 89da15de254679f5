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

/** Telegram: the acknowledgement goes to the private chat the citizen wrote in, once, riding out 429s. */
class TelegramSenderTest extends SandboxSenderTest {

    private static final String BOT = "DemoPoliceBot";

    @Test
    void reportOnTelegramIsAcknowledgedOnceInTheSameChat() {
        String handle = newHandle("tg_");
        TriagedReport report = fromCitizen(handle, "my bike was stolen", Urgency.ROUTINE, "en");
        publish(report);
        publish(report);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> replies("telegram", handle).size() == 1);
        await().pollDelay(Duration.ofSeconds(3)).until(() -> true);
        assertThat(replies("telegram", handle)).singleElement().satisfies(r -> {
            assertThat(r.get("text").toString()).contains(report.reference());
            assertThat(r.get("conversationId")).isEqualTo(report.source().conversationId());
        });
    }

    /** A force may keep non-crime reports out of its case system: the citizen still gets the product reference. */
    @Test
    void nonCrimeReportIsAcknowledgedWithTheReferenceAndPromisesNoCaseReference() {
        String handle = newHandle("tg_");
        TriagedReport report = fromCitizen(handle, "what are your opening hours?", Urgency.NON_CRIME, "en");
        publish(report);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> replies("telegram", handle).size() == 1);
        await().pollDelay(Duration.ofSeconds(2)).until(() -> true);
        assertThat(replies("telegram", handle))
                .singleElement()
                .satisfies(r -> assertThat(r.get("text").toString())
                        .contains("Your reference is " + report.reference())
                        .doesNotContainIgnoringCase("case"));
        assertThat(intent(report, "CASE_REFERENCE"))
                .as("no follow-up without a record")
                .isNull();
    }

    @Test
    void emergencyOnTelegramGetsTheAdviceFirst() {
        String handle = newHandle("tg_");
        TriagedReport report = fromCitizen(handle, "he is hitting me now", Urgency.EMERGENCY, "en");
        publish(report);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> replies("telegram", handle).size() == 1);
        assertThat(replies("telegram", handle).get(0).get("text").toString())
                .startsWith("If you or someone else is in danger right now, call 999")
                .contains(report.reference());
    }

    @Test
    void telegramRateLimitIsRiddenOutAndTheAcknowledgementSentOnce() {
        String handle = newHandle("tg_");
        TriagedReport report = fromCitizen(handle, "someone stole my phone", Urgency.ROUTINE, "en");
        fault("telegram", "rate-limit", BOT, true); // 429 with parameters.retry_after for 2 s
        publish(report);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> replies("telegram", handle).size() == 1);
        await().pollDelay(Duration.ofSeconds(2)).until(() -> true);
        assertThat(replies("telegram", handle)).hasSize(1);
        assertThat(intent(report, "ACKNOWLEDGEMENT").getInteger("attempts")).isGreaterThan(1);
    }

    @Test
    void citizenWhoBlockedTheBotIsCannotReplyOnChannelNotRetried() {
        String handle = newHandle("tg_");
        TriagedReport report = fromCitizen(handle, "my tyres were slashed", Urgency.ROUTINE, "en");
        fault("telegram", "blocked-by-user", BOT, true);
        try {
            publish(report);
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> intent(report, "ACKNOWLEDGEMENT") != null
                            && "CANNOT_REPLY_ON_CHANNEL"
                                    .equals(intent(report, "ACKNOWLEDGEMENT").getString("state")));
            assertThat(intent(report, "ACKNOWLEDGEMENT").getInteger("attempts")).isEqualTo(1);
            assertThat(replies("telegram", handle)).isEmpty();
        } finally {
            fault("telegram", "blocked-by-user", BOT, false);
        }
    }

    private TriagedReport fromCitizen(String handle, String text, Urgency urgency, String language) {
        Map<?, ?> dm = write("telegram", BOT, handle, text);
        String chatId = String.valueOf(dm.get("conversationId"));
        String nativeId = String.valueOf(dm.get("id"));
        return report(
                Platform.TELEGRAM,
                "telegram-demopolice",
                BOT,
                chatId,
                nativeId,
                new Author(String.valueOf(dm.get("senderId")), handle, handle),
                text,
                Instant.now(),
                urgency,
                language);
    }
}
