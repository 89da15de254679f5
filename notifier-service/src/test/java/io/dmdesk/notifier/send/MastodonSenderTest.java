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

/** Mastodon: a direct status to the citizen, in reply to theirs, once, even when an outcome was lost. */
class MastodonSenderTest extends SandboxSenderTest {

    private static final String ACCOUNT = "DemoPolice";

    @Test
    void reportOnMastodonIsAcknowledgedOnceByDirectReply() {
        String handle = newHandle("m_");
        TriagedReport report = fromCitizen(handle, "my bike was stolen", Urgency.ROUTINE);
        publish(report);
        publish(report);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> replies("mastodon", handle).size() == 1);
        await().pollDelay(Duration.ofSeconds(3)).until(() -> true);
        assertThat(replies("mastodon", handle)).singleElement().satisfies(r -> {
            // The sandbox shows the status as the citizen reads it (Mastodon serves it as HTML).
            assertThat(r.get("text").toString())
                    .startsWith("@" + handle + " ")
                    .contains(report.reference())
                    .doesNotContain("<", "&")
                    .containsOnlyOnce("@" + handle);
            assertThat(r.get("conversationId")).isEqualTo(report.source().nativeMessageId());
        });
    }

    @Test
    void emergencyOnMastodonGetsTheAdviceFirst() {
        String handle = newHandle("m_");
        TriagedReport report = fromCitizen(handle, "someone is breaking in right now", Urgency.EMERGENCY);
        publish(report);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> replies("mastodon", handle).size() == 1);
        assertThat(replies("mastodon", handle).get(0).get("text").toString())
                .startsWith("@" + handle + " If you or someone else is in danger right now, call 999")
                .contains(report.reference());
    }

    @Test
    void resendAfterALostOutcomeCarriesTheSameIdempotencyKeyAndPostsNoSecondStatus() {
        String handle = newHandle("m_");
        TriagedReport report = fromCitizen(handle, "my shed was broken into", Urgency.ROUTINE);
        publish(report);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> replies("mastodon", handle).size() == 1);
        String first = intent(report, "ACKNOWLEDGEMENT").getString("platformMessageId");
        loseOutcome(report, "ACKNOWLEDGEMENT");
        publish(report);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> "SENT".equals(intent(report, "ACKNOWLEDGEMENT").getString("state")));
        await().pollDelay(Duration.ofSeconds(2)).until(() -> true);
        assertThat(replies("mastodon", handle)).hasSize(1);
        assertThat(intent(report, "ACKNOWLEDGEMENT").getString("platformMessageId"))
                .as("the server answered the repeated key with the first status")
                .isEqualTo(first);
        assertThat(intent(report, "ACKNOWLEDGEMENT").getInteger("attempts")).isEqualTo(2);
    }

    @Test
    void theCitizenIsMentionedOnceAlsoWhenTheTextMentionsThemAlready() {
        assertThat(MastodonSender.addressed("jane_c", "Thank you.")).isEqualTo("@jane_c Thank you.");
        assertThat(MastodonSender.addressed("@jane_c", "Thank you.")).isEqualTo("@jane_c Thank you.");
        assertThat(MastodonSender.addressed("jane_c", "@Jane_C thank you.")).isEqualTo("@Jane_C thank you.");
        assertThat(MastodonSender.addressed("jane_c", "Thanks, @jane_c.")).isEqualTo("Thanks, @jane_c.");
        assertThat(MastodonSender.addressed("jane_c", "@jane_cx is someone else"))
                .isEqualTo("@jane_c @jane_cx is someone else");
        assertThat(MastodonSender.addressed("jane_c", "@jane_c@other.social is remote"))
                .startsWith("@jane_c @jane_c@");
        assertThat(MastodonSender.addressed("jane@other.social", "@jane@other.social hi"))
                .isEqualTo("@jane@other.social hi");
    }

    private TriagedReport fromCitizen(String handle, String text, Urgency urgency) {
        Map<?, ?> dm = write("mastodon", ACCOUNT, handle, text);
        String accountId = String.valueOf(dm.get("senderId"));
        // As intake reads it: conversation "acct-<id>", native id = the citizen's status id, author acct.
        return report(
                Platform.MASTODON,
                "mastodon-demopolice",
                ACCOUNT,
                "acct-" + accountId,
                String.valueOf(dm.get("id")),
                new Author(accountId, handle, handle),
                text,
                Instant.now(),
                urgency,
                "en");
    }
}
