package io.dmdesk.sandbox;

import static io.dmdesk.sandbox.SandboxClient.DEMO_POLICE;
import static io.dmdesk.sandbox.SandboxClient.DEMO_POLICE_TOKEN;
import static io.dmdesk.sandbox.SandboxClient.caseBody;
import static io.dmdesk.sandbox.SandboxClient.data;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The local-stack scenario: the sandbox restarts and the earlier conversation and case are still there. */
class SandboxRestartTest {

    @TempDir
    Path dataDir;

    @Test
    void aRestartWithADataDirKeepsMessagesRepliesCasesAndIdOrder() {
        String messageId;
        String reference;
        try (ConfigurableApplicationContext first = start()) {
            SandboxClient sandbox = client(first);
            Map<String, Object> sent = sandbox.citizenWrites(DEMO_POLICE, "jane_citizen", "before restart");
            messageId = (String) sent.get("id");
            sandbox.sentDm(DEMO_POLICE_TOKEN, (String) sent.get("senderId"), "reply before restart");
            reference = (String) sandbox.openCase("key-1", caseBody("r1"))
                    .expectStatus()
                    .isCreated()
                    .expectBody(Map.class)
                    .returnResult()
                    .getResponseBody()
                    .get("reference");
        }

        try (ConfigurableApplicationContext second = start()) {
            SandboxClient sandbox = client(second);
            assertThat(data(sandbox.dmEvents(DEMO_POLICE_TOKEN, "")))
                    .extracting(event -> event.get("text"))
                    .containsExactly("reply before restart", "before restart");
            assertThat(sandbox.getList("/control/replies"))
                    .extracting(reply -> reply.get("text"))
                    .containsExactly("reply before restart");
            List<Map<String, Object>> cases = sandbox.getList("/control/cases");
            assertThat(cases).extracting(record -> record.get("reference")).containsExactly(reference);
            sandbox.openCase("key-1", Map.of()).expectStatus().isOk();

            String later = (String) sandbox.citizenWrites(DEMO_POLICE, "jane_citizen", "after restart")
                    .get("id");
            assertThat(Long.parseLong(later)).isGreaterThan(Long.parseLong(messageId));
        }
    }

    @Test
    void afterARestartTelegramAndBlueskyRepliesStillNameTheCitizensHandle() {
        String bot = "/telegram/bot7500000001:sandbox-telegram-token-demopolice";
        try (ConfigurableApplicationContext first = start()) {
            SandboxClient sandbox = client(first);
            Map<String, Object> dm = write(sandbox, "telegram", "dm", "DemoPoliceBot", "tg_jane_1", "my bike");
            Map<String, Object> group = write(sandbox, "telegram", "group", "DemoPoliceBot", "tg_jane_2", "my car");
            sandbox.web()
                    .post()
                    .uri(bot + "/sendMessage")
                    .bodyValue(Map.of(
                            "chat_id", Long.parseLong((String) dm.get("conversationId")), "text", "private answer"))
                    .exchange()
                    .expectStatus()
                    .isOk();
            String groupChat = (String) group.get("conversationId");
            long groupMessage = Long.parseLong(((String) group.get("id")).substring(groupChat.length() + 1));
            sandbox.web()
                    .post()
                    .uri(bot + "/sendMessage")
                    .bodyValue(Map.of(
                            "chat_id",
                            Long.parseLong(groupChat),
                            "text",
                            "group answer",
                            "reply_parameters",
                            Map.of("message_id", groupMessage)))
                    .exchange()
                    .expectStatus()
                    .isOk();

            Map<String, Object> chat =
                    write(sandbox, "bluesky", "dm", "demopolice.bsky.social", "jane.bsky.social", "my bag");
            Map<String, Object> mention =
                    write(sandbox, "bluesky", "mention", "demopolice.bsky.social", "bob.bsky.social", "my phone");
            String jwt = (String) sandbox.web()
                    .post()
                    .uri("/bluesky/xrpc/com.atproto.server.createSession")
                    .bodyValue(Map.of(
                            "identifier", "demopolice.bsky.social", "password", "sandbox-bsky-app-password-demopolice"))
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody(Map.class)
                    .returnResult()
                    .getResponseBody()
                    .get("accessJwt");
            sandbox.web()
                    .post()
                    .uri("/bluesky/xrpc/chat.bsky.convo.sendMessage")
                    .header("Authorization", "Bearer " + jwt)
                    .header("atproto-proxy", "did:web:api.bsky.chat#bsky_chat")
                    .bodyValue(Map.of("convoId", chat.get("conversationId"), "message", Map.of("text", "chat answer")))
                    .exchange()
                    .expectStatus()
                    .isOk();
            Map<String, String> parent = Map.of("uri", (String) mention.get("id"), "cid", (String) mention.get("cid"));
            sandbox.web()
                    .post()
                    .uri("/bluesky/xrpc/com.atproto.repo.createRecord")
                    .header("Authorization", "Bearer " + jwt)
                    .bodyValue(Map.of(
                            "repo",
                            "did:plc:demopolice0000000000000",
                            "collection",
                            "app.bsky.feed.post",
                            "record",
                            Map.of(
                                    "$type",
                                    "app.bsky.feed.post",
                                    "text",
                                    "public answer",
                                    "createdAt",
                                    "2026-11-25T10:00:00Z",
                                    "reply",
                                    Map.of("root", parent, "parent", parent))))
                    .exchange()
                    .expectStatus()
                    .isOk();
            assertRepliesNameTheirCitizens(sandbox, groupChat);
        }

        try (ConfigurableApplicationContext second = start()) {
            assertRepliesNameTheirCitizens(client(second), null);
        }
    }

    private static void assertRepliesNameTheirCitizens(SandboxClient sandbox, String groupChat) {
        assertThat(sandbox.getList("/control/replies?recipient=tg_jane_1"))
                .extracting(r -> r.get("text"))
                .containsExactly("private answer");
        assertThat(sandbox.getList("/control/replies?recipient=tg_jane_2"))
                .singleElement()
                .satisfies(r -> {
                    assertThat(r.get("text")).isEqualTo("group answer");
                    assertThat(r.get("channel")).isEqualTo("public");
                    assertThat(r.get("recipientId"))
                            .as("sent to the group")
                            .asString()
                            .startsWith("-100");
                });
        assertThat(sandbox.getList("/control/replies?recipient=jane.bsky.social"))
                .extracting(r -> r.get("text"))
                .containsExactly("chat answer");
        assertThat(sandbox.getList("/control/replies?recipient=bob.bsky.social"))
                .extracting(r -> r.get("text"))
                .containsExactly("public answer");
        assertThat(sandbox.getList("/control/replies"))
                .extracting(r -> (String) r.get("recipient"))
                .noneMatch(recipient -> recipient.startsWith("did:") || recipient.matches("-?\\d+"));
        if (groupChat != null) {
            assertThat(sandbox.getList("/control/replies?recipient=" + groupChat))
                    .as("the group's chat id still finds it")
                    .extracting(r -> r.get("text"))
                    .containsExactly("group answer");
        }
    }

    private static Map<String, Object> write(
            SandboxClient sandbox, String platform, String channel, String account, String sender, String text) {
        @SuppressWarnings("unchecked")
        Map<String, Object> sent = sandbox.web()
                .post()
                .uri("/control/messages")
                .bodyValue(Map.of(
                        "platform", platform, "channel", channel, "account", account, "sender", sender, "text", text))
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        return sent;
    }

    private ConfigurableApplicationContext start() {
        // Arguments, not builder properties: those are defaults, and sandbox.yml sets server.port over them.
        return SandboxApplication.builder().run("--server.port=0", "--sandbox.data-dir=" + dataDir);
    }

    private static SandboxClient client(ConfigurableApplicationContext context) {
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        return new SandboxClient(
                WebTestClient.bindToServer().baseUrl("http://localhost:" + port).build());
    }
}
