package io.dmdesk.sandbox.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.dmdesk.sandbox.SandboxClient;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The citizen page as a newcomer meets it: it opens on one platform with a handle that platform accepts, and
 * Send works as it stands on every platform and every channel, private and public. The page takes all of it
 * from {@code GET /control/platforms}; this test sends exactly what the page would.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "spring.config.name=sandbox")
@AutoConfigureWebTestClient
class CitizenPageDefaultsTest {

    @Autowired
    WebTestClient web;

    SandboxClient sandbox;

    @BeforeEach
    void reset() {
        sandbox = new SandboxClient(web);
        sandbox.reset();
    }

    @Test
    void thePageOpensOnXWithAnXHandleAndLeavesNoPlatformOut() {
        List<Map<String, Object>> platforms = sandbox.getList("/control/platforms");

        assertThat(platforms.get(0)).containsEntry("platform", "x").containsEntry("default", true);
        assertThat(platforms)
                .filteredOn(p -> Boolean.TRUE.equals(p.get("default")))
                .hasSize(1);
        assertThat(sender(platforms.get(0))).containsEntry("example", "jane_citizen");
        assertThat(platforms)
                .extracting(p -> p.get("platform"))
                .containsExactlyInAnyOrderElementsOf(
                        sandbox.getObject("/control/accounts").keySet());
        for (Map<String, Object> platform : platforms) {
            Map<String, Object> sender = sender(platform);
            assertThat((String) sender.get("example"))
                    .as("%s: the example matches the rule the page shows", platform)
                    .matches(Pattern.compile((String) sender.get("pattern")))
                    .hasSizeLessThanOrEqualTo((Integer) sender.get("maxLength"));
            assertThat((String) platform.get("exampleText"))
                    .hasSizeLessThanOrEqualTo((Integer) platform.get("maxTextLength"));
            assertThat(accounts(platform)).isNotEmpty();
        }
    }

    @Test
    void sendWorksWithThePageDefaultsOnEveryPlatformAndChannelPrivateAndPublic() {
        Map<String, List<String>> sentByKind = new HashMap<>();
        for (Map<String, Object> platform : sandbox.getList("/control/platforms")) {
            for (Map<String, Object> channel : channels(platform)) {
                Map<String, Object> body = new HashMap<>();
                body.put("platform", platform.get("platform"));
                body.put("channel", channel.get("channel"));
                body.put("account", accounts(platform).get(0).get("handle"));
                body.put("sender", sender(platform).get("example"));
                body.put("senderName", null);
                body.put("text", platform.get("exampleText"));

                Map<String, Object> sent = web.post()
                        .uri("/control/messages")
                        .bodyValue(body)
                        .exchange()
                        .expectStatus()
                        .isCreated()
                        .expectBody(new ParameterizedTypeReference<Map<String, Object>>() {})
                        .returnResult()
                        .getResponseBody();

                assertThat(sent)
                        .as("%s %s", platform.get("platform"), channel.get("channel"))
                        .containsEntry("platform", platform.get("platform"))
                        .containsKeys("id", "senderId");
                sentByKind
                        .computeIfAbsent(
                                Boolean.TRUE.equals(channel.get("public")) ? "public" : "dm", k -> new ArrayList<>())
                        .add((String) platform.get("platform"));
            }
        }
        // A DM and a public message where the platform has both (Facebook pages take DMs through Messenger).
        assertThat(sentByKind.get("dm"))
                .containsExactlyInAnyOrder("bluesky", "instagram", "mastodon", "messenger", "telegram", "x");
        assertThat(sentByKind.get("public"))
                .contains("bluesky", "facebook", "instagram", "mastodon", "telegram", "x")
                .doesNotContain("messenger");
    }

    @Test
    void thePageTakesItsPlatformsChannelsAndDefaultsFromTheSandbox() {
        String html = web.get()
                .uri("/")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        String script = web.get()
                .uri("/sandbox.js")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();

        assertThat(html)
                .contains("<select id=\"channel\"", "<label for=\"channel\">")
                .doesNotContain("value=\"jane_citizen\"", "Send direct message");
        assertThat(script).contains("control/platforms", "sender.example", "exampleText");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> sender(Map<String, Object> platform) {
        return (Map<String, Object>) platform.get("sender");
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> accounts(Map<String, Object> platform) {
        return (List<Map<String, Object>>) platform.get("accounts");
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> channels(Map<String, Object> platform) {
        return (List<Map<String, Object>>) platform.get("channels");
    }
}
