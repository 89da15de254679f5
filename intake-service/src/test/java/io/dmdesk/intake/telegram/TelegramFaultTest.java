package io.dmdesk.intake.telegram;

import static io.dmdesk.intake.IntakeHarness.published;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dmdesk.contracts.Channel;
import io.dmdesk.contracts.InboundMessage;
import io.dmdesk.intake.IntakeHarness;
import io.dmdesk.intake.cursor.CursorStore;
import io.dmdesk.support.platform.AccountState;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientResponseException;

/**
 * Telegram over the real broker and store against the sandbox Bot API: DemoPoliceBot is long-polled,
 * PCJonesBot is in webhook mode (one mode per bot, as Telegram requires).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TelegramFaultTest {

    static final String SECRET = "pcjones-webhook-secret";
    IntakeHarness harness;

    @BeforeAll
    void start() {
        harness = IntakeHarness.start(
                List.of(),
                "--intake.poll-interval=PT0.2S",
                "--intake.telegram.long-poll=PT1S",
                "--intake.telegram.webhook-secret-tokens.telegram-pcjones=" + SECRET);
        // What an operator does once per bot in webhook mode: setWebhook with the URL and the secret token.
        WebClient.create(harness.sandboxUrl())
                .post()
                .uri("/telegram/bot7500000002:sandbox-telegram-token-pcjones/setWebhook")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of(
                        "url", harness.intakeUrl() + "/webhooks/telegram/telegram-pcjones", "secret_token", SECRET))
                .retrieve()
                .toBodilessEntity()
                .block();
    }

    @AfterEach
    void heal() {
        harness.fault("telegram", "missed-webhook", null, false);
        harness.fault("telegram", "expired-token", "DemoPoliceBot", false);
        harness.fault("telegram", "rate-limit", "DemoPoliceBot", false);
    }

    @AfterAll
    void stop() {
        harness.close();
    }

    @Test
    void polledDmAndGroupMentionArriveOnceAndTheOffsetIsConfirmedAfterPublish() {
        Map<String, Object> dm =
                harness.citizenWrites("telegram", "dm", "DemoPoliceBot", "tg_citizen", "my phone was stolen");
        Map<String, Object> group =
                harness.citizenWrites("telegram", "group", "DemoPoliceBot", "tg_group_user", "drunk driver on the A6");

        InboundMessage direct = await().atMost(Duration.ofSeconds(20))
                .until(() -> published("telegram:" + dm.get("id")), l -> !l.isEmpty())
                .get(0);
        InboundMessage mention = await().atMost(Duration.ofSeconds(20))
                .until(() -> published("telegram:" + group.get("id")), l -> !l.isEmpty())
                .get(0);
        assertThat(direct.channel()).isEqualTo(Channel.DM);
        assertThat(mention.channel()).isEqualTo(Channel.PUBLIC);
        assertThat(mention.text()).isEqualTo("@DemoPoliceBot drunk driver on the A6");
        String offset = harness.intake
                .getBean(CursorStore.class)
                .get("telegram-demopolice", TelegramConnector.STREAM)
                .orElseThrow();
        assertThat(Long.parseLong(offset)).isGreaterThan(100_000_000L);

        await().pollDelay(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> true);
        assertThat(published("telegram:" + dm.get("id"))).hasSize(1);
        assertThat(published("telegram:" + group.get("id"))).hasSize(1);
    }

    @Test
    void retryAfterIsHonouredAndTheMessageStillArrives() {
        harness.fault("telegram", "rate-limit", "DemoPoliceBot", true);
        await().atMost(Duration.ofSeconds(5))
                .until(() -> harness.state("telegram-demopolice") == AccountState.RATE_LIMITED);
        Map<String, Object> dm =
                harness.citizenWrites("telegram", "dm", "DemoPoliceBot", "tg_ratelimited", "burglary in progress");
        Map<String, Object> other =
                harness.citizenWrites("telegram", "dm", "PCJonesBot", "tg_other_bot", "bike stolen");
        // The other bot keeps flowing while DemoPoliceBot waits.
        await().atMost(Duration.ofSeconds(20))
                .until(() -> published("telegram:" + other.get("id")), l -> l.size() == 1);
        assertThat(harness.requests("telegram", "DemoPoliceBot").rateLimited()).isNotEmpty();

        await().atMost(Duration.ofSeconds(20)).until(() -> published("telegram:" + dm.get("id")), l -> l.size() == 1);
        await().atMost(Duration.ofSeconds(5)).until(() -> harness.state("telegram-demopolice") == AccountState.UP);
        harness.requests("telegram", "DemoPoliceBot").assertNoRequestBeforeAnnouncedReset(0);
        await().pollDelay(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(2)).until(() -> true);
        assertThat(published("telegram:" + dm.get("id"))).hasSize(1);
        assertThat(published("telegram:" + other.get("id"))).hasSize(1);
    }

    @Test
    void expiredTokenShowsCredentialsInvalidWhileTheWebhookBotKeepsFlowing() {
        harness.fault("telegram", "expired-token", "DemoPoliceBot", true);
        // Within one poll cycle (a long poll already open may still complete once).
        await().atMost(Duration.ofSeconds(5))
                .until(() -> harness.state("telegram-demopolice") == AccountState.CREDENTIALS_INVALID);
        Map<String, Object> held = harness.citizenWrites("telegram", "dm", "DemoPoliceBot", "tg_expired", "bike theft");

        Map<String, Object> toJones =
                harness.citizenWrites("telegram", "dm", "PCJonesBot", "tg_to_jones", "noise at night");
        await().atMost(Duration.ofSeconds(20))
                .until(() -> published("telegram:" + toJones.get("id")), l -> l.size() == 1);
        assertThat(published("telegram:" + held.get("id"))).isEmpty();

        harness.fault("telegram", "expired-token", "DemoPoliceBot", false);
        await().atMost(Duration.ofSeconds(20)).until(() -> published("telegram:" + held.get("id")), l -> l.size() == 1);
    }

    @Test
    void missedWebhookIsRedeliveredByTelegramAndPublishedOnce() {
        harness.fault("telegram", "missed-webhook", null, true);
        Map<String, Object> dm =
                harness.citizenWrites("telegram", "dm", "PCJonesBot", "tg_missed", "someone followed me home");
        await().pollDelay(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(2)).until(() -> true);
        assertThat(published("telegram:" + dm.get("id"))).isEmpty();

        harness.fault("telegram", "missed-webhook", null, false);
        await().atMost(Duration.ofSeconds(20)).until(() -> published("telegram:" + dm.get("id")), l -> l.size() == 1);
    }

    @Test
    void failingWebhookDeliveriesShowAsDegradedFromGetWebhookInfoAndNothingIsLost() {
        await().atMost(Duration.ofSeconds(10)).until(() -> harness.state("telegram-pcjones") == AccountState.UP);
        // Our endpoint breaks (here: a wrong URL, answered 403): Telegram keeps the update pending and says why.
        setWebhook(harness.intakeUrl() + "/webhooks/telegram/telegram-nosuchbot");
        try {
            Map<String, Object> dm = harness.citizenWrites("telegram", "dm", "PCJonesBot", "tg_pending", "van on fire");
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> harness.state("telegram-pcjones") == AccountState.DEGRADED);
            assertThat(gauge("dmdesk.telegram.webhook.pending")).isGreaterThanOrEqualTo(1);
            assertThat(gauge("dmdesk.telegram.webhook.last.error.epoch.seconds"))
                    .isPositive();
            assertThat(published("telegram:" + dm.get("id"))).isEmpty();

            setWebhook(harness.intakeUrl() + "/webhooks/telegram/telegram-pcjones");
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> published("telegram:" + dm.get("id")), l -> l.size() == 1);
            await().atMost(Duration.ofSeconds(10)).until(() -> harness.state("telegram-pcjones") == AccountState.UP);
            assertThat(gauge("dmdesk.telegram.webhook.pending")).isZero();
        } finally {
            setWebhook(harness.intakeUrl() + "/webhooks/telegram/telegram-pcjones");
        }
    }

    private void setWebhook(String url) {
        WebClient.create(harness.sandboxUrl())
                .post()
                .uri("/telegram/bot7500000002:sandbox-telegram-token-pcjones/setWebhook")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("url", url, "secret_token", SECRET))
                .retrieve()
                .toBodilessEntity()
                .block();
    }

    private double gauge(String name) {
        return harness.intake
                .getBean(MeterRegistry.class)
                .get(name)
                .tag("account", "telegram-pcjones")
                .gauge()
                .value();
    }

    @Test
    void wrongSecretTokenIsForbiddenAndNothingPublished() {
        String update =
                "{\"update_id\":999,\"message\":{\"message_id\":999,\"from\":{\"id\":1,\"is_bot\":false,\"first_name\":\"F\"},"
                        + "\"chat\":{\"id\":424242,\"type\":\"private\"},\"date\":1764025200,\"text\":\"forged\"}}";
        WebClient intake = WebClient.create(harness.intakeUrl());
        WebClientResponseException forbidden = Assertions.assertThrows(
                WebClientResponseException.class,
                () -> intake.post()
                        .uri("/webhooks/telegram/telegram-pcjones")
                        .contentType(MediaType.APPLICATION_JSON)
                        .header(TelegramWebhookController.SECRET_HEADER, "guess")
                        .bodyValue(update)
                        .retrieve()
                        .toBodilessEntity()
                        .block());
        assertThat(forbidden.getStatusCode().value()).isEqualTo(403);
        WebClientResponseException polled = Assertions.assertThrows(
                WebClientResponseException.class,
                () -> intake.post()
                        .uri("/webhooks/telegram/telegram-demopolice")
                        .contentType(MediaType.APPLICATION_JSON)
                        .header(TelegramWebhookController.SECRET_HEADER, SECRET)
                        .bodyValue(update)
                        .retrieve()
                        .toBodilessEntity()
                        .block());
        assertThat(polled.getStatusCode().value()).isEqualTo(403); // a polled bot takes no webhooks
        assertThat(published("telegram:424242_999")).isEmpty();
    }
}
