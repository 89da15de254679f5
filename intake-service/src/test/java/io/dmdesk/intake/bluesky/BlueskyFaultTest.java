package io.dmdesk.intake.bluesky;

import static io.dmdesk.intake.IntakeHarness.published;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dmdesk.contracts.Channel;
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

/** Bluesky chat and mentions against the sandbox PDS over the real broker and store. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BlueskyFaultTest {

    IntakeHarness harness;

    @BeforeAll
    void start() {
        harness = IntakeHarness.start(List.of(), "--intake.poll-interval=PT0.2S");
    }

    @AfterEach
    void heal() {
        harness.fault("bluesky", "expired-token", "demopolice.bsky.social", false);
        harness.fault("bluesky", "rate-limit", "demopolice.bsky.social", false);
    }

    @AfterAll
    void stop() {
        harness.close();
    }

    @Test
    void chatMessageAndMentionArriveOnce() {
        Map<String, Object> dm =
                harness.citizenWrites("bluesky", "dm", "demopolice.bsky.social", "bsky-dm", "stalker outside");
        Map<String, Object> mention = harness.citizenWrites(
                "bluesky", "mention", "demopolice.bsky.social", "bsky-pub", "lights out on bridge");

        assertThat(await().atMost(Duration.ofSeconds(20))
                        .until(() -> published("bluesky:" + dm.get("id")), l -> !l.isEmpty())
                        .get(0)
                        .channel())
                .isEqualTo(Channel.DM);
        assertThat(await().atMost(Duration.ofSeconds(20))
                        .until(() -> published("bluesky:" + mention.get("id")), l -> !l.isEmpty())
                        .get(0)
                        .channel())
                .isEqualTo(Channel.PUBLIC);
        await().pollDelay(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(2)).until(() -> true);
        assertThat(published("bluesky:" + dm.get("id"))).hasSize(1);
        assertThat(published("bluesky:" + mention.get("id"))).hasSize(1);
    }

    @Test
    void revokedAppPasswordIsCredentialsInvalidAndNothingIsLostAfterRenewal() {
        harness.fault("bluesky", "expired-token", "demopolice.bsky.social", true);
        await().atMost(Duration.ofSeconds(5))
                .until(() -> harness.state("bluesky-demopolice") == AccountState.CREDENTIALS_INVALID);
        Map<String, Object> held =
                harness.citizenWrites("bluesky", "dm", "demopolice.bsky.social", "bsky-held", "phone scam");
        Map<String, Object> x = harness.citizenWrites("x", "dm", "DemoPolice", "bsky_x_flow", "other accounts flow");
        await().atMost(Duration.ofSeconds(20)).until(() -> published("x:" + x.get("id")), l -> l.size() == 1);
        assertThat(published("bluesky:" + held.get("id"))).isEmpty();

        harness.fault("bluesky", "expired-token", "demopolice.bsky.social", false);
        await().atMost(Duration.ofSeconds(20)).until(() -> published("bluesky:" + held.get("id")), l -> l.size() == 1);
    }

    @Test
    void a429IsRiddenOut() {
        harness.fault("bluesky", "rate-limit", "demopolice.bsky.social", true);
        await().atMost(Duration.ofSeconds(5))
                .until(() -> harness.state("bluesky-demopolice") == AccountState.RATE_LIMITED);
        Map<String, Object> dm = harness.citizenWrites("bluesky", "dm", "demopolice.bsky.social", "bsky-rl", "help");
        await().atMost(Duration.ofSeconds(20)).until(() -> published("bluesky:" + dm.get("id")), l -> l.size() == 1);
        RequestWindows windows = harness.requests("bluesky", "demopolice.bsky.social");
        assertThat(windows.rateLimited()).isNotEmpty();
        // One limit for the account's two streams (chat log, notifications): the one already asking when the
        // other got the 429 may complete; nothing is asked after that until the announced reset.
        windows.assertNoRequestBeforeAnnouncedReset(1);
        await().pollDelay(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(2)).until(() -> true);
        assertThat(published("bluesky:" + dm.get("id"))).hasSize(1);
    }
}
