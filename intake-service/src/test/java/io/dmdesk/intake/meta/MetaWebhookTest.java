package io.dmdesk.intake.meta;

import static io.dmdesk.intake.IntakeHarness.published;
import static org.assertj.core.api.Assertions.assertThat;

import io.dmdesk.contracts.Channel;
import io.dmdesk.contracts.InboundMessage;
import io.dmdesk.contracts.MessageKind;
import io.dmdesk.contracts.Platform;
import io.dmdesk.intake.IntakeHarness;
import io.dmdesk.intake.webhook.Hmac;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The Meta webhook over the real broker and store, with payloads in the shapes of Meta's webhook reference
 * (Messenger messages, Instagram messaging, page feed comments, Instagram comments, story mentions).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MetaWebhookTest {

    static final String SECRET = "sandbox-meta-app-secret";
    static final String PAGE = "610000000000001";
    static final String IG = "17841400000000001";

    IntakeHarness harness;
    WebTestClient web;

    @BeforeAll
    void start() {
        harness = IntakeHarness.start(List.of(), "--intake.poll-interval=PT1H");
        web = WebTestClient.bindToServer()
                .baseUrl(harness.intakeUrl())
                .responseTimeout(Duration.ofSeconds(30))
                .build();
    }

    @AfterAll
    void stop() {
        harness.close();
    }

    @Test
    void verificationHandshakeEchoesTheChallengeOnlyForTheRightToken() {
        web.get()
                .uri(MetaWebhookController.PATH
                        + "?hub.mode=subscribe&hub.verify_token=sandbox-meta-verify-token&hub.challenge=1158201444")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .isEqualTo("1158201444");
        web.get()
                .uri(MetaWebhookController.PATH + "?hub.mode=subscribe&hub.verify_token=wrong&hub.challenge=1158201444")
                .exchange()
                .expectStatus()
                .isForbidden();
    }

    @Test
    void signatureIsLowerCaseHexHmacOfTheRawBody() {
        // Expected value computed independently (Python hmac) for this exact body.
        byte[] body = "{\"object\":\"page\",\"entry\":[]}".getBytes(StandardCharsets.UTF_8);
        assertThat(Hmac.hexSignature(SECRET, body))
                .isEqualTo("sha256=2bb6650fb171dd63acd673429e6a9b09f7fa799fd3ff42ce82bb0e3ce904770d");
        post(body, "sha256=2bb6650fb171dd63acd673429e6a9b09f7fa799fd3ff42ce82bb0e3ce904770d")
                .expectStatus()
                .isOk();
    }

    @Test
    void messengerTextIsADmAndItsEchoIsSkipped() {
        String mid = "m_" + UUID.randomUUID();
        String echo = "m_" + UUID.randomUUID();
        String body = page("""
                {"sender":{"id":"24012345678901234"},"recipient":{"id":"%s"},"timestamp":%d,
                 "message":{"mid":"%s","text":"Someone smashed my window"}},
                {"sender":{"id":"%s"},"recipient":{"id":"24012345678901234"},"timestamp":%d,
                 "message":{"mid":"%s","is_echo":true,"app_id":1517,"text":"Thanks, we are on it"}}
                """.formatted(PAGE, now(), mid, PAGE, now(), echo));
        signed(body).expectStatus().isOk().expectBody().json("{\"published\":1}");

        InboundMessage m = published("messenger:" + mid).get(0);
        assertThat(m.channel()).isEqualTo(Channel.DM);
        assertThat(m.platform()).isEqualTo(Platform.MESSENGER);
        assertThat(m.conversationId()).isEqualTo("24012345678901234");
        assertThat(m.account().id()).isEqualTo("messenger-demopolice");
        assertThat(published("messenger:" + echo)).isEmpty();
    }

    @Test
    void instagramDeletionIsRecordedAsADeleteOfTheSameMessage() {
        String mid = "aWdf" + UUID.randomUUID();
        signed(instagram("""
                {"sender":{"id":"1789"},"recipient":{"id":"%s"},"timestamp":%d,"message":{"mid":"%s","text":"help"}}
                """.formatted(IG, now(), mid))).expectStatus().isOk();
        signed(instagram("""
                {"sender":{"id":"1789"},"recipient":{"id":"%s"},"timestamp":%d,"message":{"mid":"%s","is_deleted":true}}
                """.formatted(IG, now(), mid))).expectStatus().isOk();

        assertThat(published("instagram:" + mid))
                .extracting(InboundMessage::kind)
                .containsExactly(MessageKind.NEW, MessageKind.DELETE);
    }

    @Test
    void storyMentionIsAPublicMentionWithTheStoryAsAttachment() {
        String mid = "aWdf" + UUID.randomUUID();
        signed(instagram("""
                {"sender":{"id":"1790"},"recipient":{"id":"%s"},"timestamp":%d,
                 "message":{"mid":"%s","attachments":[{"type":"story_mention","payload":{"url":"https://lookaside.example/story"}}]}}
                """.formatted(IG, now(), mid))).expectStatus().isOk();

        InboundMessage m = published("instagram:" + mid).get(0);
        assertThat(m.channel()).isEqualTo(Channel.PUBLIC);
        assertThat(m.attachments())
                .singleElement()
                .satisfies(a -> assertThat(a.type()).isEqualTo("story_mention"));
    }

    @Test
    void pageCommentAndInstagramCommentArePublicAndEditsAreEdits() {
        String comment = PAGE + "_" + Math.abs(UUID.randomUUID().getMostSignificantBits());
        String igComment = Long.toString(Math.abs(UUID.randomUUID().getMostSignificantBits()));
        String feed =
                """
                {"object":"page","entry":[{"id":"%s","time":%d,"changes":[
                  {"field":"feed","value":{"item":"comment","verb":"add","comment_id":"%s","post_id":"%s_1","parent_id":"%s_1",
                   "from":{"id":"555","name":"A Person"},"message":"My address is on this post, remove it","created_time":%d}},
                  {"field":"feed","value":{"item":"comment","verb":"edited","comment_id":"%s","post_id":"%s_1",
                   "from":{"id":"555","name":"A Person"},"message":"edited text","created_time":%d}},
                  {"field":"feed","value":{"item":"reaction","verb":"add","post_id":"%s_1","from":{"id":"556"}}}]}]}
                """.formatted(PAGE, now(), comment, PAGE, PAGE, now() / 1000, comment, PAGE, now() / 1000 + 5, PAGE);
        signed(feed).expectStatus().isOk().expectBody().json("{\"published\":2}");
        String ig = """
                {"object":"instagram","entry":[{"id":"%s","time":%d,"changes":[{"field":"comments","value":{
                  "from":{"id":"232323","username":"citizen_ig"},"media":{"id":"123123","media_product_type":"FEED"},
                  "id":"%s","text":"there was a fight here last night"}}]}]}
                """.formatted(IG, now(), igComment);
        signed(ig).expectStatus().isOk();

        assertThat(published("facebook:" + comment))
                .extracting(InboundMessage::kind)
                .containsExactly(MessageKind.NEW, MessageKind.EDIT);
        InboundMessage igm = published("instagram:" + igComment).get(0);
        assertThat(igm.channel()).isEqualTo(Channel.PUBLIC);
        assertThat(igm.author().handle()).isEqualTo("citizen_ig");
        assertThat(harness.intake
                        .getBean(MeterRegistry.class)
                        .counter("dmdesk.intake.webhook.ignored", "platform", "meta", "type", "feed_reaction")
                        .count())
                .isGreaterThanOrEqualTo(1.0);
    }

    @Test
    void forgedOrMissingSignatureOrReplayIsRejectedAndNothingPublished() {
        String mid = "m_" + UUID.randomUUID();
        byte[] body = page("""
                {"sender":{"id":"1"},"recipient":{"id":"%s"},"timestamp":%d,"message":{"mid":"%s","text":"x"}}
                """.formatted(PAGE, now(), mid)).getBytes(StandardCharsets.UTF_8);
        post(body, Hmac.hexSignature("wrong-secret", body)).expectStatus().isForbidden();
        web.post()
                .uri(MetaWebhookController.PATH)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange()
                .expectStatus()
                .isUnauthorized();
        String old = "m_" + UUID.randomUUID();
        String replay = """
                {"object":"page","entry":[{"id":"%s","time":1577836800000,"messaging":[
                  {"sender":{"id":"1"},"recipient":{"id":"%s"},"timestamp":1577836800000,"message":{"mid":"%s","text":"old"}}]}]}
                """.formatted(PAGE, PAGE, old);
        signed(replay).expectStatus().isForbidden();
        byte[] broken = "{\"object\":".getBytes(StandardCharsets.UTF_8);
        post(broken, Hmac.hexSignature(SECRET, broken)).expectStatus().isBadRequest();

        assertThat(published("messenger:" + mid)).isEmpty();
        assertThat(published("messenger:" + old)).isEmpty();
    }

    @Test
    void redeliveryIsPublishedOnce() {
        String mid = "m_" + UUID.randomUUID();
        String body = page("""
                {"sender":{"id":"77"},"recipient":{"id":"%s"},"timestamp":%d,"message":{"mid":"%s","text":"twice"}}
                """.formatted(PAGE, now(), mid));
        signed(body).expectStatus().isOk();
        signed(body).expectStatus().isOk().expectBody().json("{\"published\":0,\"duplicates\":1}");
        assertThat(published("messenger:" + mid)).hasSize(1);
    }

    private static long now() {
        return System.currentTimeMillis();
    }

    private static String page(String messaging) {
        return "{\"object\":\"page\",\"entry\":[{\"id\":\"" + PAGE + "\",\"time\":" + now() + ",\"messaging\":["
                + messaging + "]}]}";
    }

    private static String instagram(String messaging) {
        return "{\"object\":\"instagram\",\"entry\":[{\"id\":\"" + IG + "\",\"time\":" + now() + ",\"messaging\":["
                + messaging + "]}]}";
    }

    private WebTestClient.ResponseSpec signed(String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return post(bytes, Hmac.hexSignature(SECRET, bytes));
    }

    private WebTestClient.ResponseSpec post(byte[] body, String signature) {
        return web.post()
                .uri(MetaWebhookController.PATH)
                .contentType(MediaType.APPLICATION_JSON)
                .header(MetaWebhookController.SIGNATURE, signature)
                .bodyValue(body)
                .exchange();
    }
}
