package io.dmdesk.intake.meta;

import static io.dmdesk.intake.IntakeHarness.published;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dmdesk.intake.IntakeHarness;
import io.dmdesk.intake.RequestWindows;
import io.dmdesk.support.platform.AccountState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A Graph API throttle storm on the page, ridden out over the real broker and store: no webhook registered, so
 * every Meta message arrives by the pulls alone. Graph answers throttled reads 400 (code 32) with the usage
 * headers at 100 % and {@code estimated_time_to_regain_access} in whole minutes, so this test waits a minute.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MetaRateLimitFaultTest {

    static final String PAGE = "610000000000001";
    static final List<String> PAGE_ACCOUNTS =
            List.of("messenger-demopolice", "facebook-demopolice", "instagram-demopolice");

    IntakeHarness harness;

    static final String OTHER_PAGE = "610000000000002";

    @BeforeAll
    void start() {
        // A second page (Messenger only) besides the default one; a list from the command line replaces the
        // configured list, so the accounts this test reads are all given here.
        // Polling every 0.2 s for two minutes would spend Mastodon's 300 per 5 minutes; this test is about Meta.
        List<String> sandbox = new ArrayList<>(List.of("--sandbox.mastodon.rate-limit=100000"));
        page(sandbox, 0, "Demo Police", PAGE, "17841400000000001", "demopolice", "sandbox-meta-page-token-demopolice");
        page(
                sandbox,
                1,
                "North Police",
                OTHER_PAGE,
                "17841400000000002",
                "northpolice",
                "sandbox-meta-page-token-north");
        List<String> intake = new ArrayList<>(List.of("--intake.poll-interval=PT0.2S"));
        account(
                intake,
                0,
                "messenger-demopolice",
                "MESSENGER",
                "DemoPolice",
                PAGE,
                "sandbox-meta-page-token-demopolice");
        account(intake, 1, "facebook-demopolice", "FACEBOOK", "DemoPolice", PAGE, "sandbox-meta-page-token-demopolice");
        account(
                intake,
                2,
                "instagram-demopolice",
                "INSTAGRAM",
                "demopolice",
                "17841400000000001",
                "sandbox-meta-page-token-demopolice");
        account(
                intake,
                3,
                "messenger-northpolice",
                "MESSENGER",
                "NorthPolice",
                OTHER_PAGE,
                "sandbox-meta-page-token-north");
        account(
                intake,
                4,
                "mastodon-demopolice",
                "MASTODON",
                "DemoPolice",
                "109000000000000001",
                "sandbox-mastodon-token-demopolice");
        account(
                intake,
                5,
                "telegram-demopolice",
                "TELEGRAM",
                "DemoPoliceBot",
                "7500000001",
                "7500000001:sandbox-telegram-token-demopolice");
        harness = IntakeHarness.start(sandbox, intake.toArray(String[]::new));
        await().atMost(Duration.ofSeconds(20))
                .until(() -> PAGE_ACCOUNTS.stream().allMatch(a -> harness.state(a) == AccountState.UP)
                        && harness.state("messenger-northpolice") == AccountState.UP);
    }

    private static void page(
            List<String> args, int i, String name, String pageId, String igId, String igName, String token) {
        String p = "--sandbox.meta.pages[" + i + "].";
        args.addAll(List.of(
                p + "name=" + name,
                p + "page-id=" + pageId,
                p + "instagram-id=" + igId,
                p + "instagram-username=" + igName,
                p + "token=" + token));
    }

    private static void account(
            List<String> args, int i, String id, String platform, String handle, String userId, String token) {
        String a = "--dmdesk.accounts[" + i + "].";
        args.addAll(List.of(
                a + "id=" + id,
                a + "platform=" + platform,
                a + "handle=" + handle,
                a + "platform-user-id=" + userId,
                a + "team=contact-centre",
                a + "district=central",
                a + "token=" + token));
    }

    @AfterEach
    void heal() {
        harness.clearFault("meta");
        harness.fault("messenger", "rate-limit", "DemoPolice", false);
    }

    @AfterAll
    void stop() {
        harness.close();
    }

    @Test
    void onePagesThrottleHoldsOnlyThatPageWhileTheOtherPageKeepsFlowing() {
        Instant injected = Instant.now();
        // Graph reads of the Demo Police page throttled for 30 s (page-level code 32), announced as a minute.
        harness.fault("messenger", "rate-limit", "DemoPolice", true);
        await().atMost(Duration.ofSeconds(5))
                .until(() -> PAGE_ACCOUNTS.stream().allMatch(a -> harness.state(a) == AccountState.RATE_LIMITED));

        Map<String, Object> held =
                harness.citizenWrites("messenger", "dm", "DemoPolice", "Held Page", "burglary next door");
        Map<String, Object> heldComment =
                harness.citizenWrites("facebook", "comment", "DemoPolice", "Held Comment", "car on fire");
        Map<String, Object> other =
                harness.citizenWrites("messenger", "dm", "NorthPolice", "Other Page", "stolen scooter");

        // The other page is read throughout the first page's window.
        await().atMost(Duration.ofSeconds(20))
                .until(() -> published("messenger:" + other.get("id")), l -> l.size() == 1);
        assertThat(harness.state("messenger-northpolice")).isEqualTo(AccountState.UP);
        assertThat(published("messenger:" + held.get("id"))).isEmpty();
        assertThat(published("facebook:" + heldComment.get("id"))).isEmpty();

        await().atMost(Duration.ofSeconds(90))
                .until(() -> published("messenger:" + held.get("id")), l -> l.size() == 1);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> published("facebook:" + heldComment.get("id")), l -> l.size() == 1);

        RequestWindows page = harness.requests("meta", PAGE);
        List<RequestWindows.Entry> limited = page.rateLimited().stream()
                .filter(e -> e.at().isAfter(injected))
                .toList();
        assertThat(limited).isNotEmpty();
        page.assertNoRequestBeforeAnnouncedReset(3);
        RequestWindows.Entry first = limited.get(0);
        assertThat(harness.requests("meta", OTHER_PAGE).admittedBetween(first.at(), first.resetAt()))
                .isPositive();

        await().pollDelay(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3)).until(() -> true);
        assertThat(published("messenger:" + held.get("id"))).hasSize(1);
        assertThat(published("facebook:" + heldComment.get("id"))).hasSize(1);
        assertThat(published("messenger:" + other.get("id"))).hasSize(1);
    }

    @Test
    void aGraphThrottleIsRiddenOutUntilTheAnnouncedRegainTimeAndNothingIsLost() {
        Instant injected = Instant.now();
        // Throttled for 20 s, announced as Meta does: a whole minute to regain access.
        harness.injectFault("meta", 429, 20);
        await().atMost(Duration.ofSeconds(5))
                .until(() -> PAGE_ACCOUNTS.stream().allMatch(a -> harness.state(a) == AccountState.RATE_LIMITED));

        Map<String, Object> messenger =
                harness.citizenWrites("messenger", "dm", "DemoPolice", "Throttled One", "my bike was stolen");
        Map<String, Object> facebook =
                harness.citizenWrites("facebook", "comment", "DemoPolice", "Throttled Two", "fire on the square");
        Map<String, Object> instagramDm =
                harness.citizenWrites("instagram", "dm", "demopolice", "throttled_three", "scam account");
        Map<String, Object> instagramComment =
                harness.citizenWrites("instagram", "comment", "demopolice", "throttled_four", "this account is a scam");
        List<String> meta = List.of(
                "messenger:" + messenger.get("id"),
                "facebook:" + facebook.get("id"),
                "instagram:" + instagramDm.get("id"),
                "instagram:" + instagramComment.get("id"));

        // Other platforms keep flowing during the throttle.
        Map<String, Object> mastodon =
                harness.citizenWrites("mastodon", "dm", "DemoPolice", "meta_rl_masto", "lost wallet");
        Map<String, Object> telegram =
                harness.citizenWrites("telegram", "dm", "DemoPoliceBot", "meta_rl_tg", "noise complaint");
        await().atMost(Duration.ofSeconds(20))
                .until(() -> published("mastodon:" + mastodon.get("id")), l -> l.size() == 1);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> published("telegram:" + telegram.get("id")), l -> l.size() == 1);
        assertThat(PAGE_ACCOUNTS).allMatch(a -> harness.state(a) == AccountState.RATE_LIMITED);
        assertThat(meta).allMatch(id -> published(id).isEmpty());

        // After the announced minute every message written meanwhile is published, exactly once.
        for (String id : meta) {
            await().atMost(Duration.ofSeconds(90)).until(() -> published(id), l -> l.size() == 1);
        }
        await().atMost(Duration.ofSeconds(5))
                .until(() -> PAGE_ACCOUNTS.stream().allMatch(a -> harness.state(a) == AccountState.UP));

        RequestWindows page = harness.requests("meta", PAGE);
        List<RequestWindows.Entry> limited = page.rateLimited().stream()
                .filter(e -> e.at().isAfter(injected))
                .toList();
        assertThat(limited).isNotEmpty();
        // A whole minute from the answer (the log stamps its entry a moment after the answer was built).
        assertThat(limited).allMatch(e -> !e.resetAt().isBefore(e.at().plusSeconds(59)), "a whole minute announced");
        // The page's four read streams (Messenger and Instagram conversations, Facebook and Instagram comments)
        // each learn of the throttle from their own answer: at most the other three were already asking.
        page.assertNoRequestBeforeAnnouncedReset(3);
        RequestWindows.Entry first = limited.get(0);
        assertThat(page.entries().stream()
                        .filter(e -> e.status() == 200 && e.at().isAfter(first.at()))
                        .findFirst())
                .hasValueSatisfying(e -> assertThat(e.at()).isAfterOrEqualTo(first.resetAt()));

        await().pollDelay(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3)).until(() -> true);
        assertThat(meta).allMatch(id -> published(id).size() == 1);
        assertThat(published("mastodon:" + mastodon.get("id"))).hasSize(1);
        assertThat(published("telegram:" + telegram.get("id"))).hasSize(1);
    }
}
