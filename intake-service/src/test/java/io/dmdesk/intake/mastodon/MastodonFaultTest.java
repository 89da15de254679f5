package io.dmdesk.intake.mastodon;

import static io.dmdesk.intake.IntakeHarness.published;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dmdesk.contracts.Channel;
import io.dmdesk.contracts.InboundMessage;
import io.dmdesk.intake.IntakeHarness;
import io.dmdesk.intake.RequestWindows;
import io.dmdesk.support.platform.AccountState;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Mastodon against the sandbox over the real broker and store; Mastodon has no per-account webhooks, so pull only. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MastodonFaultTest {

    IntakeHarness harness;

    @BeforeAll
    void start() {
        harness = IntakeHarness.start(List.of(), "--intake.poll-interval=PT0.2S");
    }

    @AfterEach
    void heal() {
        harness.fault("mastodon", "expired-token", "PCJones", false);
        harness.fault("mastodon", "rate-limit", "DemoPolice", false);
    }

    @AfterAll
    void stop() {
        harness.close();
    }

    @Test
    void directStatusIsADmAndPublicMentionIsPublicEachPublishedOnce() {
        Map<String, Object> dm = harness.citizenWrites(
                "mastodon", "dm", "DemoPolice", "masto_dm", "I <3 you & my car was <b>stolen</b>");
        Map<String, Object> mention =
                harness.citizenWrites("mastodon", "mention", "DemoPolice", "masto_pub", "road closed?");

        InboundMessage direct = await().atMost(Duration.ofSeconds(20))
                .until(() -> published("mastodon:" + dm.get("id")), l -> !l.isEmpty())
                .get(0);
        InboundMessage pub = await().atMost(Duration.ofSeconds(20))
                .until(() -> published("mastodon:" + mention.get("id")), l -> !l.isEmpty())
                .get(0);
        assertThat(direct.channel()).isEqualTo(Channel.DM);
        assertThat(direct.text()).isEqualTo("@DemoPolice I <3 you & my car was <b>stolen</b>");
        assertThat(pub.channel()).isEqualTo(Channel.PUBLIC);

        await().pollDelay(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> true);
        assertThat(published("mastodon:" + dm.get("id"))).hasSize(1);
        assertThat(published("mastodon:" + mention.get("id"))).hasSize(1);
    }

    @Test
    void a429WithAnIsoResetIsRiddenOut() {
        harness.fault("mastodon", "rate-limit", "DemoPolice", true);
        await().atMost(Duration.ofSeconds(5))
                .until(() -> harness.state("mastodon-demopolice") == AccountState.RATE_LIMITED);
        Map<String, Object> dm = harness.citizenWrites("mastodon", "dm", "DemoPolice", "masto_rl", "stolen bike");
        Map<String, Object> other = harness.citizenWrites("mastodon", "dm", "PCJones", "masto_rl_other", "lost wallet");

        await().atMost(Duration.ofSeconds(20)).until(() -> published("mastodon:" + dm.get("id")), l -> l.size() == 1);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> published("mastodon:" + other.get("id")), l -> l.size() == 1);
        await().atMost(Duration.ofSeconds(5)).until(() -> harness.state("mastodon-demopolice") == AccountState.UP);
        RequestWindows limited = harness.requests("mastodon", "DemoPolice");
        assertThat(limited.rateLimited()).isNotEmpty();
        limited.assertNoRequestBeforeAnnouncedReset(0);
        // PCJones was asked throughout DemoPolice's window: one account's limit does not stall another.
        RequestWindows.Entry first = limited.rateLimited().get(0);
        assertThat(harness.requests("mastodon", "PCJones").admittedBetween(first.at(), first.resetAt()))
                .isPositive();
        await().pollDelay(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(2)).until(() -> true);
        assertThat(published("mastodon:" + dm.get("id"))).hasSize(1);
        assertThat(published("mastodon:" + other.get("id"))).hasSize(1);
    }

    @Test
    void expiredTokenShowsCredentialsInvalidWhileOtherAccountsKeepFlowing() {
        harness.fault("mastodon", "expired-token", "PCJones", true);
        await().atMost(Duration.ofSeconds(5))
                .until(() -> harness.state("mastodon-pcjones") == AccountState.CREDENTIALS_INVALID);
        Map<String, Object> held = harness.citizenWrites("mastodon", "dm", "PCJones", "masto_held", "noise");
        Map<String, Object> flowing = harness.citizenWrites("mastodon", "dm", "DemoPolice", "masto_flow", "lost dog");

        await().atMost(Duration.ofSeconds(20))
                .until(() -> published("mastodon:" + flowing.get("id")), l -> l.size() == 1);
        assertThat(published("mastodon:" + held.get("id"))).isEmpty();

        harness.fault("mastodon", "expired-token", "PCJones", false);
        await().atMost(Duration.ofSeconds(20)).until(() -> published("mastodon:" + held.get("id")), l -> l.size() == 1);
    }
}
