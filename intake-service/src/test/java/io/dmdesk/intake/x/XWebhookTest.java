package io.dmdesk.intake.x;

import static io.dmdesk.intake.IntakeHarness.audited;
import static io.dmdesk.intake.IntakeHarness.published;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dmdesk.contracts.AuditEvent;
import io.dmdesk.contracts.Channel;
import io.dmdesk.contracts.InboundMessage;
import io.dmdesk.intake.IntakeHarness;
import io.dmdesk.intake.webhook.Hmac;
import io.dmdesk.support.platform.AccountState;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The X Account Activity webhook over the real broker and store, with the sandbox delivering. The pull runs
 * once an hour here, so what arrives came through the webhook.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class XWebhookTest {

    static final String SECRET = "sandbox-x-consumer-secret";
    static final String DEMO_POLICE_ID = "1500000000000000001";

    IntakeHarness harness;
    WebTestClient web;

    @BeforeAll
    void start() {
        harness =
                IntakeHarness.start(List.of(), "--intake.poll-interval=PT1H", "--intake.webhooks.max-body-bytes=4096");
        web = WebTestClient.bindToServer()
                .baseUrl(harness.intakeUrl())
                .responseTimeout(Duration.ofSeconds(30))
                .build();
        await().atMost(Duration.ofSeconds(30)).until(() -> harness.state("x-demopolice") == AccountState.UP);
        harness.registerWebhook("x", XWebhookController.PATH);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> "valid".equals(harness.webhookStatus("x").get("crc")));
    }

    @AfterAll
    void stop() {
        harness.close();
    }

    @Test
    void crcAnswerIsTheBase64HmacOfTheTokenUnderTheConsumerSecret() {
        web.get()
                .uri(XWebhookController.PATH + "?crc_token=9b4507b3-9040-4669-9ca3-6b94edb50553")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .json("{\"response_token\":\"sha256=PZ2g9sFGpkxvdBTTSEmsGtZNB7pQLGTsrZaPra2iAA0=\"}");
        web.get().uri(XWebhookController.PATH).exchange().expectStatus().isBadRequest();
    }

    @Test
    void signedDmDeliveryIsPublishedWithThePullsIdAndConversation() {
        Map<String, Object> sent =
                harness.citizenWrites("x", "dm", "DemoPolice", "hook_dm_citizen", "My shed was broken into");
        String messageId = "x:" + sent.get("id");

        InboundMessage message = await().atMost(Duration.ofSeconds(30))
                .until(() -> published(messageId), list -> !list.isEmpty())
                .get(0);
        assertThat(message.channel()).isEqualTo(Channel.DM);
        assertThat(message.conversationId()).isEqualTo(sent.get("conversationId"));
        assertThat(message.author().handle()).isEqualTo("hook_dm_citizen");
        assertThat(message.text()).isEqualTo("My shed was broken into");
        assertThat(message.account().id()).isEqualTo("x-demopolice");
    }

    @Test
    void signedMentionDeliveryIsPublishedAsPublic() {
        Map<String, Object> sent =
                harness.citizenWrites("x", "mention", "DemoPolice", "hook_mention", "car alarm going off on Elm St");
        String messageId = "x:" + sent.get("id");

        InboundMessage message = await().atMost(Duration.ofSeconds(30))
                .until(() -> published(messageId), list -> !list.isEmpty())
                .get(0);
        assertThat(message.channel()).isEqualTo(Channel.PUBLIC);
        assertThat(message.text()).isEqualTo("@DemoPolice car alarm going off on Elm St");
        assertThat(message.conversationId()).isEqualTo("public-" + sent.get("senderId"));
    }

    @Test
    void forgedSignatureIsRejectedAndNothingPublished() {
        String id = uniqueId();
        byte[] body = dm(id, "forged text 4711").getBytes(StandardCharsets.UTF_8);
        post(body, Hmac.base64Signature("not-the-secret", body)).expectStatus().isForbidden();

        assertThat(published("x:" + id)).isEmpty();
        assertThat(rejections("bad_signature")).isNotEmpty().allSatisfy(e -> {
            assertThat(e.outcome()).isEqualTo(AuditEvent.Outcome.REJECTED);
            assertThat(e.details().toString()).doesNotContain("forged text 4711");
        });
    }

    @Test
    void missingSignatureIsUnauthorizedAndNothingPublished() {
        String id = uniqueId();
        web.post()
                .uri(XWebhookController.PATH)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(dm(id, "no sig"))
                .exchange()
                .expectStatus()
                .isUnauthorized();
        assertThat(published("x:" + id)).isEmpty();
        assertThat(rejections("missing_signature")).isNotEmpty();
    }

    @Test
    void signedButMalformedJsonIsABadRequest() {
        byte[] body = "{\"for_user_id\": \"1500000000000000001\", ".getBytes(StandardCharsets.UTF_8);
        post(body, Hmac.base64Signature(SECRET, body)).expectStatus().isBadRequest();
        assertThat(rejections("malformed_json")).isNotEmpty();
    }

    @Test
    void bodyOverTheLimitIsRefusedBeforeParsing() {
        byte[] body = ("{\"pad\":\"" + "x".repeat(5000) + "\"}").getBytes(StandardCharsets.UTF_8);
        post(body, Hmac.base64Signature(SECRET, body)).expectStatus().isEqualTo(413);
        assertThat(rejections("too_large")).isNotEmpty();
    }

    @Test
    void unknownEventTypesAreIgnoredAndCounted() {
        byte[] body = ("{\"for_user_id\":\"" + DEMO_POLICE_ID + "\",\"favorite_events\":[{\"id\":\"1\"}]}")
                .getBytes(StandardCharsets.UTF_8);
        post(body, Hmac.base64Signature(SECRET, body))
                .expectStatus()
                .isOk()
                .expectBody()
                .json("{\"published\":0,\"ignored\":1}");
        assertThat(harness.intake
                        .getBean(MeterRegistry.class)
                        .counter("dmdesk.intake.webhook.ignored", "platform", "x", "type", "favorite_events")
                        .count())
                .isEqualTo(1.0);
    }

    @Test
    void redeliveredDmIsPublishedOnce() {
        String id = uniqueId();
        byte[] body = dm(id, "delivered twice").getBytes(StandardCharsets.UTF_8);
        post(body, Hmac.base64Signature(SECRET, body))
                .expectStatus()
                .isOk()
                .expectBody()
                .json("{\"published\":1}");
        post(body, Hmac.base64Signature(SECRET, body))
                .expectStatus()
                .isOk()
                .expectBody()
                .json("{\"published\":0,\"duplicates\":1}");
        assertThat(published("x:" + id)).hasSize(1);
    }

    private List<AuditEvent> rejections(String reason) {
        return await().atMost(Duration.ofSeconds(10))
                .until(
                        () -> audited("webhook:x").stream()
                                .filter(e -> e.action() == AuditEvent.Action.WEBHOOK_REJECTED)
                                .filter(e -> reason.equals(e.details().get("reason")))
                                .toList(),
                        l -> !l.isEmpty());
    }

    private WebTestClient.ResponseSpec post(byte[] body, String signature) {
        return web.post()
                .uri(XWebhookController.PATH)
                .contentType(MediaType.APPLICATION_JSON)
                .header(XWebhookController.SIGNATURE, signature)
                .bodyValue(body)
                .exchange();
    }

    private static String uniqueId() {
        return Long.toString(ThreadLocalRandom.current().nextLong(1L << 60, Long.MAX_VALUE));
    }

    /** The shape of an Account Activity DM delivery (docs: direct_message_events, message_create). */
    private static String dm(String id, String text) {
        return """
                {"for_user_id":"%s","direct_message_events":[{"type":"message_create","id":"%s",
                 "created_timestamp":"1764028800000","message_create":{"target":{"recipient_id":"%s"},
                 "sender_id":"8123456789012345678","message_data":{"text":"%s","entities":{}}}}],
                 "users":{"8123456789012345678":{"id":"8123456789012345678","name":"Test","screen_name":"tester"}}}
                """.formatted(DEMO_POLICE_ID, id, DEMO_POLICE_ID, text);
    }
}
