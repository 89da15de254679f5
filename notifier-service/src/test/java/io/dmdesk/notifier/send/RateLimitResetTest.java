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
import org.springframework.http.MediaType;

/**
 * A platform's rate-limit answer names when the account may send again, each platform in its own header form;
 * the sender asks nothing of that platform for the account before then (one refused request, not a retry every
 * back-off), and the acknowledgement goes out once the reset has passed.
 */
class RateLimitResetTest extends SandboxSenderTest {

    @Test
    void xWaitsForXRateLimitResetInEpochSeconds() {
        String handle = newHandle("r");
        Map<?, ?> dm = write("x", "DemoPolice", handle, "my bike was stolen");
        TriagedReport report = report(
                Platform.X,
                "x-demopolice",
                "DemoPolice",
                String.valueOf(dm.get("conversationId")),
                String.valueOf(dm.get("id")),
                new Author(String.valueOf(dm.get("senderId")), handle, handle),
                "my bike was stolen",
                Instant.now(),
                Urgency.ROUTINE,
                "en");
        assertWaitsForTheReset("x", 4, report, "x", handle);
    }

    @Test
    void mastodonWaitsForXRateLimitResetAsIso8601() {
        String handle = newHandle("m_");
        Map<?, ?> dm = write("mastodon", "DemoPolice", handle, "my bike was stolen");
        String accountId = String.valueOf(dm.get("senderId"));
        TriagedReport report = report(
                Platform.MASTODON,
                "mastodon-demopolice",
                "DemoPolice",
                "acct-" + accountId,
                String.valueOf(dm.get("id")),
                new Author(accountId, handle, handle),
                "my bike was stolen",
                Instant.now(),
                Urgency.ROUTINE,
                "en");
        assertWaitsForTheReset("mastodon", 4, report, "mastodon", handle);
    }

    @Test
    void blueskyWaitsForRatelimitResetInEpochSeconds() {
        String handle = newHandle("b") + ".bsky.social";
        Map<?, ?> dm = write("bluesky", "demopolice.bsky.social", handle, "my bike was stolen");
        TriagedReport report = report(
                Platform.BLUESKY,
                "bluesky-demopolice",
                "demopolice.bsky.social",
                String.valueOf(dm.get("conversationId")),
                String.valueOf(dm.get("id")),
                new Author(String.valueOf(dm.get("senderId")), null, null),
                "my bike was stolen",
                Instant.now(),
                Urgency.ROUTINE,
                "en");
        assertWaitsForTheReset("bluesky", 4, report, "bluesky", handle);
    }

    /**
     * Meta answers a limit as Graph error 80006 and says when access returns only in whole minutes
     * ({@code estimated_time_to_regain_access}): the sender keeps off for that minute even though the sandbox
     * would take the message again after 3 s.
     */
    @Test
    void messengerWaitsForTheUsageHeadersEstimatedTimeToRegainAccess() {
        String sender = newHandle("fb");
        Map<?, ?> dm = write("messenger", "DemoPolice", sender, "my bike was stolen");
        String scopedId = String.valueOf(dm.get("senderId"));
        TriagedReport report = report(
                Platform.MESSENGER,
                "messenger-demopolice",
                "DemoPolice",
                scopedId,
                String.valueOf(dm.get("id")),
                new Author(scopedId, null, null),
                "my bike was stolen",
                Instant.now(),
                Urgency.ROUTINE,
                "en");
        Instant limitedAt = Instant.now();
        Map<?, ?> fault = rateLimit("meta", 3);
        publish(report);
        await().atMost(Duration.ofSeconds(20)).until(() -> answered("meta") == 1);
        await().pollDelay(Duration.ofSeconds(8)).until(() -> true);
        assertThat(Instant.now()).isAfter(Instant.parse(String.valueOf(fault.get("until"))));
        assertThat(answered("meta"))
                .as("no second request while Meta's estimate runs")
                .isEqualTo(1);
        assertThat(replies("messenger", sender)).isEmpty();
        await().atMost(Duration.ofSeconds(90))
                .until(() -> replies("messenger", sender).size() == 1);
        assertThat(Instant.parse(
                        String.valueOf(replies("messenger", sender).get(0).get("sentAt"))))
                .as("one minute after the refusal, as the usage header said")
                .isAfter(limitedAt.plusSeconds(59));
        assertThat(answered("meta")).isEqualTo(1);
        clear("meta");
    }

    private void assertWaitsForTheReset(
            String target, int seconds, TriagedReport report, String platform, String recipient) {
        Map<?, ?> fault = rateLimit(target, seconds);
        Instant reset = Instant.parse(String.valueOf(fault.get("until")));
        publish(report);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> replies(platform, recipient).size() == 1);
        Instant sentAt =
                Instant.parse(String.valueOf(replies(platform, recipient).get(0).get("sentAt")));
        assertThat(sentAt).as("sent after the reset").isAfterOrEqualTo(reset.minusMillis(reset.getNano() / 1_000_000));
        assertThat(answered(target))
                .as("one refused request: nothing asked before the reset")
                .isEqualTo(1);
        clear(target);
    }

    private Map<?, ?> rateLimit(String target, int seconds) {
        return control.put()
                .uri("/control/faults/{target}", target)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("status", 429, "forSeconds", seconds))
                .retrieve()
                .bodyToMono(Map.class)
                .block(Duration.ofSeconds(5));
    }

    private int answered(String target) {
        Map<?, ?> answered = control.get()
                .uri("/control/faults/{target}/answered", target)
                .retrieve()
                .bodyToMono(Map.class)
                .block(Duration.ofSeconds(5));
        return ((Number) answered.get("count")).intValue();
    }

    private void clear(String target) {
        control.delete()
                .uri("/control/faults/{target}", target)
                .retrieve()
                .toBodilessEntity()
                .block(Duration.ofSeconds(5));
    }
}
