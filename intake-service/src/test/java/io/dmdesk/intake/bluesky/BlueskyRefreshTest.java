package io.dmdesk.intake.bluesky;

import static io.dmdesk.intake.IntakeHarness.published;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dmdesk.intake.IntakeHarness;
import io.dmdesk.intake.RequestWindows;
import io.dmdesk.support.platform.AccountState;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A sandbox PDS whose accessJwts live one second, over the real broker and store: intake renews them with
 * {@code com.atproto.server.refreshSession} (refreshJwt as bearer), not with the app password; only when the
 * refresh token is refused (app password revoked) does it fall back to {@code createSession}.
 */
class BlueskyRefreshTest {

    static final String ACCOUNT = "demopolice.bsky.social";

    @Test
    void anExpiredAccessTokenIsRefreshedAndCreateSessionIsOnlyTheFallback() {
        try (IntakeHarness harness = IntakeHarness.start(
                List.of("--sandbox.bluesky.access-token-ttl=PT1S"), "--intake.poll-interval=PT0.3S")) {
            Map<String, Object> first =
                    harness.citizenWrites("bluesky", "dm", ACCOUNT, "refresh1.bsky.social", "stolen bike");
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> published("bluesky:" + first.get("id")), l -> l.size() == 1);
            // Several access token lifetimes pass while intake keeps polling.
            await().atMost(Duration.ofSeconds(30)).until(() -> count(harness, "refreshSession") >= 3);
            Map<String, Object> second =
                    harness.citizenWrites("bluesky", "dm", ACCOUNT, "refresh2.bsky.social", "lost keys");
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> published("bluesky:" + second.get("id")), l -> l.size() == 1);
            assertThat(count(harness, "createSession"))
                    .as("app password sent once")
                    .isEqualTo(1);
            assertThat(harness.state("bluesky-demopolice")).isEqualTo(AccountState.UP);

            // Revoked app password: the refresh token is refused, createSession too -> CREDENTIALS_INVALID.
            harness.fault("bluesky", "expired-token", ACCOUNT, true);
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> harness.state("bluesky-demopolice") == AccountState.CREDENTIALS_INVALID);
            Map<String, Object> held = harness.citizenWrites("bluesky", "dm", ACCOUNT, "refresh3.bsky.social", "noise");
            harness.fault("bluesky", "expired-token", ACCOUNT, false);
            // The renewed app password works again: a new session from it, and nothing was lost.
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> published("bluesky:" + held.get("id")), l -> l.size() == 1);
            assertThat(count(harness, "createSession")).isEqualTo(2);
        }
    }

    private static long count(IntakeHarness harness, String scope) {
        RequestWindows log = harness.requests("bluesky", ACCOUNT);
        return log.entries().stream().filter(e -> e.scope().equals(scope)).count();
    }
}
