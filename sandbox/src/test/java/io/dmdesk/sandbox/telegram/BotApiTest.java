package io.dmdesk.sandbox.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import io.dmdesk.sandbox.SandboxClient;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The Bot API as core.telegram.org documents it: offset confirmation, 409 with a webhook, error shapes. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "spring.config.name=sandbox")
@AutoConfigureWebTestClient
class BotApiTest {

    static final String BOT = "/telegram/bot7500000001:sandbox-telegram-token-demopolice";

    @Autowired
    WebTestClient web;

    @BeforeEach
    void reset() {
        new SandboxClient(web).reset();
        web.post().uri(BOT + "/deleteWebhook").exchange().expectStatus().isOk();
    }

    @Test
    void anOffsetConfirmsEveryEarlierUpdate() {
        write("tg_alice", "first");
        write("tg_alice", "second");

        List<Map<String, Object>> all = updates("");
        assertThat(all).hasSize(2);
        long firstId = ((Number) all.get(0).get("update_id")).longValue();
        assertThat(((Map<?, ?>) all.get(0).get("message")).get("text")).isEqualTo("first");
        assertThat(((Map<?, ?>) ((Map<?, ?>) all.get(0).get("message")).get("chat")).get("type"))
                .isEqualTo("private");

        assertThat(updates("?offset=" + (firstId + 1))).hasSize(1);
        assertThat(updates("")).hasSize(1); // the first one is gone for good
        assertThat(updates("?offset=" + (firstId + 2))).isEmpty();
    }

    @Test
    void getUpdatesIsAConflictWhileAWebhookIsSet() {
        web.post()
                .uri(BOT + "/setWebhook")
                .bodyValue(Map.of("url", "http://127.0.0.1:9/hook", "secret_token", "s3cret"))
                .exchange()
                .expectStatus()
                .isOk();
        web.get()
                .uri(BOT + "/getUpdates")
                .exchange()
                .expectStatus()
                .isEqualTo(409)
                .expectBody()
                .jsonPath("$.ok")
                .isEqualTo(false)
                .jsonPath("$.error_code")
                .isEqualTo(409);
    }

    @Test
    void faultsAnswerLikeTelegram() {
        web.get()
                .uri("/telegram/bot1:wrong/getUpdates")
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .expectBody()
                .json("{\"ok\":false,\"error_code\":401,\"description\":\"Unauthorized\"}");
        web.post()
                .uri("/control/faults")
                .bodyValue(Map.of("platform", "telegram", "fault", "rate-limit", "account", "DemoPoliceBot"))
                .exchange()
                .expectStatus()
                .isNoContent();
        web.get()
                .uri(BOT + "/getUpdates")
                .exchange()
                .expectStatus()
                .isEqualTo(429)
                .expectBody()
                .jsonPath("$.parameters.retry_after")
                .isNumber();
        web.post()
                .uri("/control/faults")
                .bodyValue(Map.of(
                        "platform", "telegram", "fault", "rate-limit", "account", "DemoPoliceBot", "enabled", false))
                .exchange()
                .expectStatus()
                .isNoContent();
    }

    @Test
    void sendMessageShowsAsAReply() {
        Map<String, Object> sent = write("tg_bob_1", "help");
        web.post()
                .uri(BOT + "/sendMessage")
                .bodyValue(Map.of(
                        "chat_id", Long.parseLong((String) sent.get("conversationId")), "text", "We have your report"))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.result.message_id")
                .isNumber();
        web.get()
                .uri("/control/replies?platform=telegram&recipient=tg_bob_1")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$[0].text")
                .isEqualTo("We have your report");
    }

    private Map<String, Object> write(String sender, String text) {
        return web.post()
                .uri("/control/messages")
                .bodyValue(Map.of(
                        "platform",
                        "telegram",
                        "channel",
                        "dm",
                        "account",
                        "DemoPoliceBot",
                        "sender",
                        sender,
                        "text",
                        text))
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody(new ParameterizedTypeReference<Map<String, Object>>() {})
                .returnResult()
                .getResponseBody();
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> updates(String query) {
        Map<String, Object> body = web.get()
                .uri(BOT + "/getUpdates" + query)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(new ParameterizedTypeReference<Map<String, Object>>() {})
                .returnResult()
                .getResponseBody();
        assertThat(body).containsEntry("ok", true);
        return (List<Map<String, Object>>) body.get("result");
    }
}
