package io.dmdesk.intake.meta;

import static io.dmdesk.intake.IntakeHarness.published;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dmdesk.contracts.Channel;
import io.dmdesk.contracts.InboundMessage;
import io.dmdesk.intake.IntakeHarness;
import io.dmdesk.support.platform.AccountState;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Meta faults in the sandbox over the real broker and store: signed webhook plus the conversations catch-up pull. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MetaFaultTest {

    IntakeHarness harness;

    @BeforeAll
    void start() {
        harness = IntakeHarness.start(List.of(), "--intake.poll-interval=PT0.3S");
        harness.registerWebhook("messenger", MetaWebhookController.PATH);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> "valid".equals(harness.webhookStatus("messenger").get("verification")));
    }

    @AfterEach
    void heal() {
        harness.fault("messenger", "missed-webhook", null, false);
        harness.fault("messenger", "duplicate-webhook", null, false);
        harness.fault("messenger", "expired-token", null, false);
    }

    @AfterAll
    void stop() {
        harness.close();
    }

    @Test
    void signedDeliveriesOfEveryKindArrive() {
        Map<String, Object> dm = harness.citizenWrites("messenger", "dm", "DemoPolice", "Kari", "my car was stolen");
        Map<String, Object> comment =
                harness.citizenWrites("facebook", "comment", "DemoPolice", "Ola", "fire on main street");
        Map<String, Object> story = harness.citizenWrites("instagram", "story_mention", "demopolice", "Per", "");

        await().atMost(Duration.ofSeconds(20)).until(() -> published("messenger:" + dm.get("id")), l -> l.size() == 1);
        assertThat(await().atMost(Duration.ofSeconds(20))
                        .until(() -> published("facebook:" + comment.get("id")), l -> l.size() == 1)
                        .get(0)
                        .channel())
                .isEqualTo(Channel.PUBLIC);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> published("instagram:" + story.get("id")), l -> l.size() == 1);
    }

    @Test
    void missedWebhookIsRecoveredByTheConversationsPull() {
        harness.fault("messenger", "missed-webhook", null, true);
        Map<String, Object> messenger =
                harness.citizenWrites("messenger", "dm", "DemoPolice", "Missed One", "threats by text");
        Map<String, Object> instagram =
                harness.citizenWrites("instagram", "dm", "demopolice", "Missed Two", "scam account");

        assertThat(harness.webhookStatus("messenger").get("missed")).isNotEqualTo(0);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> published("messenger:" + messenger.get("id")), l -> l.size() == 1);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> published("instagram:" + instagram.get("id")), l -> l.size() == 1);
    }

    @Test
    void missedCommentWebhooksAreRecoveredByTheCommentsPullExactlyOnce() {
        harness.fault("messenger", "missed-webhook", null, true);
        int missedBefore = ((Number) harness.webhookStatus("messenger").get("missed")).intValue();
        Map<String, Object> facebook = harness.citizenWrites(
                "facebook", "comment", "DemoPolice", "Missed Comment", "someone is breaking into cars on the square");
        Map<String, Object> instagram = harness.citizenWrites(
                "instagram", "comment", "demopolice", "missed_ig", "the account in this photo is a scam");
        assertThat(((Number) harness.webhookStatus("messenger").get("missed")).intValue())
                .isEqualTo(missedBefore + 2);

        InboundMessage fb = await().atMost(Duration.ofSeconds(20))
                .until(() -> published("facebook:" + facebook.get("id")), l -> l.size() == 1)
                .get(0);
        InboundMessage ig = await().atMost(Duration.ofSeconds(20))
                .until(() -> published("instagram:" + instagram.get("id")), l -> l.size() == 1)
                .get(0);
        assertThat(fb.channel()).isEqualTo(Channel.PUBLIC);
        assertThat(fb.text()).isEqualTo("someone is breaking into cars on the square");
        assertThat(fb.conversationId()).startsWith("post-");
        assertThat(ig.author().handle()).isEqualTo("missed_ig");
        assertThat(ig.text()).isEqualTo("the account in this photo is a scam");

        // The pull keeps seeing them (same second re-read); a later webhook of the same comments adds nothing.
        harness.fault("messenger", "missed-webhook", null, false);
        Map<String, Object> delivered =
                harness.citizenWrites("facebook", "comment", "DemoPolice", "Both Ways", "webhook and pull");
        await().atMost(Duration.ofSeconds(20))
                .until(() -> published("facebook:" + delivered.get("id")), l -> !l.isEmpty());
        await().pollDelay(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3)).until(() -> true);
        assertThat(published("facebook:" + facebook.get("id"))).hasSize(1);
        assertThat(published("instagram:" + instagram.get("id"))).hasSize(1);
        assertThat(published("facebook:" + delivered.get("id"))).hasSize(1);
    }

    @Test
    void duplicateDeliveriesAndThePullYieldOneInboundMessage() {
        harness.fault("messenger", "duplicate-webhook", null, true);
        Map<String, Object> dm = harness.citizenWrites("messenger", "dm", "DemoPolice", "Twice", "delivered twice");

        await().atMost(Duration.ofSeconds(20)).until(() -> published("messenger:" + dm.get("id")), l -> !l.isEmpty());
        await().pollDelay(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3)).until(() -> true);
        assertThat(published("messenger:" + dm.get("id"))).hasSize(1);
    }

    @Test
    void expiredPageTokenShowsCredentialsInvalidWhileOtherPlatformsKeepFlowing() {
        harness.fault("messenger", "expired-token", null, true);
        await().atMost(Duration.ofSeconds(5))
                .until(() -> harness.state("messenger-demopolice") == AccountState.CREDENTIALS_INVALID);

        Map<String, Object> x = harness.citizenWrites("x", "dm", "DemoPolice", "meta_exp_x", "still flowing");
        await().atMost(Duration.ofSeconds(20)).until(() -> published("x:" + x.get("id")), l -> l.size() == 1);
        assertThat(harness.state("x-demopolice")).isEqualTo(AccountState.UP);
    }
}
