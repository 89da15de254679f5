package io.dmdesk.notifier.send;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dmdesk.contracts.Author;
import io.dmdesk.contracts.Platform;
import io.dmdesk.contracts.TriagedReport;
import io.dmdesk.contracts.Urgency;
import io.dmdesk.testsupport.TestUsers;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Messenger and Instagram through the Send API: RESPONSE inside the 24-hour window, once; outside it an
 * automated message is "cannot reply on channel" and nothing is sent; an operator may still reply (HUMAN_AGENT).
 */
class MetaSendApiSenderTest extends SandboxSenderTest {

    private static final String PAGE = "DemoPolice";
    private static final String INSTAGRAM = "demopolice";

    @Test
    void messengerReportInsideTheWindowIsAcknowledgedOnce() {
        String sender = newHandle("fb_");
        TriagedReport report = fromCitizen(
                "messenger",
                PAGE,
                "messenger-demopolice",
                sender,
                "my bike was stolen",
                Urgency.ROUTINE,
                Instant.now());
        publish(report);
        publish(report);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> replies("messenger", sender).size() == 1);
        await().pollDelay(Duration.ofSeconds(3)).until(() -> true);
        assertThat(replies("messenger", sender)).singleElement().satisfies(r -> {
            assertThat(r.get("text").toString()).contains(report.reference());
            assertThat(r.get("recipientId")).isEqualTo(report.source().author().id());
        });
    }

    @Test
    void messengerSendWhoseOutcomeWasLostIsFoundInTheConversationNotSentAgain() {
        String sender = newHandle("fb_");
        TriagedReport report = fromCitizen(
                "messenger",
                PAGE,
                "messenger-demopolice",
                sender,
                "my wallet was taken",
                Urgency.ROUTINE,
                Instant.now());
        publish(report);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> replies("messenger", sender).size() == 1);
        String first = intent(report, "ACKNOWLEDGEMENT").getString("platformMessageId");
        loseOutcome(report, "ACKNOWLEDGEMENT");
        publish(report);
        await().atMost(Duration.ofSeconds(30))
                .until(() ->
                        Boolean.TRUE.equals(intent(report, "ACKNOWLEDGEMENT").getBoolean("reconciled")));
        await().pollDelay(Duration.ofSeconds(2)).until(() -> true);
        assertThat(intent(report, "ACKNOWLEDGEMENT").getString("state")).isEqualTo("SENT");
        assertThat(intent(report, "ACKNOWLEDGEMENT").getString("platformMessageId"))
                .isEqualTo(first);
        assertThat(replies("messenger", sender)).hasSize(1);
    }

    @Test
    void instagramSendWhoseOutcomeWasLostIsFoundInTheConversationNotSentAgain() {
        String sender = newHandle("ig_");
        TriagedReport report = fromCitizen(
                "instagram",
                INSTAGRAM,
                "instagram-demopolice",
                sender,
                "my phone was taken",
                Urgency.ROUTINE,
                Instant.now());
        publish(report);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> replies("instagram", sender).size() == 1);
        loseOutcome(report, "ACKNOWLEDGEMENT");
        publish(report);
        await().atMost(Duration.ofSeconds(30))
                .until(() ->
                        Boolean.TRUE.equals(intent(report, "ACKNOWLEDGEMENT").getBoolean("reconciled")));
        await().pollDelay(Duration.ofSeconds(2)).until(() -> true);
        assertThat(replies("instagram", sender)).hasSize(1);
    }

    @Test
    void emergencyOnInstagramGetsTheAdviceFirst() {
        String sender = newHandle("ig_");
        TriagedReport report = fromCitizen(
                "instagram",
                INSTAGRAM,
                "instagram-demopolice",
                sender,
                "someone is following me with a knife",
                Urgency.EMERGENCY,
                Instant.now());
        publish(report);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> replies("instagram", sender).size() == 1);
        assertThat(replies("instagram", sender).get(0).get("text").toString())
                .startsWith("If you or someone else is in danger right now, call 999")
                .contains(report.reference());
    }

    @Test
    void acknowledgementOutsideThe24HourWindowIsCannotReplyOnChannelAndSendsNothing() {
        String sender = newHandle("fb_");
        TriagedReport report = fromCitizen(
                "messenger",
                PAGE,
                "messenger-demopolice",
                sender,
                "my car was scratched",
                Urgency.ROUTINE,
                Instant.now().minus(Duration.ofHours(25)));
        publish(report);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> intent(report, "ACKNOWLEDGEMENT") != null
                        && "CANNOT_REPLY_ON_CHANNEL"
                                .equals(intent(report, "ACKNOWLEDGEMENT").getString("state")));
        await().pollDelay(Duration.ofSeconds(2)).until(() -> true);
        assertThat(replies("messenger", sender)).isEmpty();
        assertThat(intent(report, "ACKNOWLEDGEMENT").toJson()).contains("24 hours");
    }

    @Test
    void operatorMayStillReplyAfter24HoursAsAHumanAgent() {
        String sender = newHandle("fb_");
        TriagedReport report = fromCitizen(
                "messenger",
                PAGE,
                "messenger-demopolice",
                sender,
                "my shed was broken into",
                Urgency.ROUTINE,
                Instant.now().minus(Duration.ofHours(30)));
        publish(report);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> intent(report, "ACKNOWLEDGEMENT") != null
                        && "CANNOT_REPLY_ON_CHANNEL"
                                .equals(intent(report, "ACKNOWLEDGEMENT").getString("state")));
        WebClient api = WebClient.builder()
                .baseUrl("http://localhost:" + notifier.getEnvironment().getProperty("local.server.port"))
                .defaultHeader(HttpHeaders.AUTHORIZATION, TestUsers.OPERATOR.basic())
                .build();
        api.post()
                .uri("/api/reports/{id}/replies", report.reportId())
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("text", "An officer will call you today."))
                .retrieve()
                .toBodilessEntity()
                .block(Duration.ofSeconds(20));
        assertThat(replies("messenger", sender))
                .extracting(r -> r.get("text"))
                .containsExactly("An officer will call you today.");
    }

    private TriagedReport fromCitizen(
            String platform,
            String account,
            String accountId,
            String sender,
            String text,
            Urgency urgency,
            Instant writtenAt) {
        Map<?, ?> dm = write(platform, account, sender, text);
        String scopedId = String.valueOf(dm.get("senderId"));
        // As intake reads the webhook: conversation and author = the page- or Instagram-scoped id, native id = mid.
        return report(
                Platform.fromCode(platform),
                accountId,
                account,
                scopedId,
                String.valueOf(dm.get("id")),
                new Author(scopedId, null, null),
                text,
                writtenAt,
                urgency,
                "en");
    }
}
