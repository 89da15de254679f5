package io.dmdesk.sandbox.control;

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
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * A citizen who writes the mention themselves ("@PCJones my bike ...") gets it once in the public message, on
 * every platform; one who does not gets it added. Mastodon replies read as text in the control API (and so on
 * the citizen page), while the Mastodon API serves them as Mastodon's HTML.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "spring.config.name=sandbox")
@AutoConfigureWebTestClient
class MentionOnceTest {

    private static final ParameterizedTypeReference<Map<String, Object>> OBJECT = new ParameterizedTypeReference<>() {};
    private static final ParameterizedTypeReference<List<Map<String, Object>>> ARRAY =
            new ParameterizedTypeReference<>() {};
    private static final String MASTODON_TOKEN = "Bearer sandbox-mastodon-token-pcjones";

    @Autowired
    WebTestClient web;

    @BeforeEach
    void reset() {
        new SandboxClient(web).reset();
    }

    @Test
    void mastodonCitizenWhoWritesTheMentionGetsItOnce() {
        write("mastodon", "mention", "PCJones", "masto_jane", "@PCJones my bike was stolen");
        write("mastodon", "dm", "PCJones", "masto_bob", "hi @pcjones, my car was keyed");
        write("mastodon", "mention", "PCJones", "masto_ann", "my bag was taken");

        List<String> contents = mastodonNotifications().stream()
                .map(n -> (String) ((Map<?, ?>) n.get("status")).get("content"))
                .toList();
        assertThat(contents)
                .hasSize(3)
                .allSatisfy(html -> assertThat(html.split("class=\"u-url mention\"", -1))
                        .as(html)
                        .hasSize(2));
        assertThat(contents)
                .anySatisfy(html -> assertThat(html)
                        .startsWith("<p><span class=\"h-card\"")
                        .endsWith("</span></a></span> my bike was stolen</p>"));
        assertThat(contents).anySatisfy(html -> assertThat(html).startsWith("<p>hi <span class=\"h-card\""));
        assertThat(contents).anySatisfy(html -> assertThat(html).contains("@<span>PCJones</span></a></span> my bag"));
    }

    @Test
    void mastodonRepliesReadAsTextInTheControlApiAndAsHtmlInMastodonsApi() {
        Map<String, Object> status = write("mastodon", "dm", "PCJones", "masto_jane", "my bike");
        Map<String, Object> reply = web.post()
                .uri("/mastodon/api/v1/statuses")
                .header(HttpHeaders.AUTHORIZATION, MASTODON_TOKEN)
                .header("Idempotency-Key", "k1")
                .bodyValue(Map.of(
                        "status",
                        "@masto_jane We've got it & logged it <ref>.\nThank you.\n\nIn danger? Call 999.",
                        "in_reply_to_id",
                        status.get("id"),
                        "visibility",
                        "direct"))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(OBJECT)
                .returnResult()
                .getResponseBody();

        assertThat((String) reply.get("content"))
                .isEqualTo(
                        "<p><span class=\"h-card\" translate=\"no\">"
                                + "<a href=\"https://sandbox.social/@masto_jane\" class=\"u-url mention\">@<span>masto_jane</span></a></span>"
                                + " We&#39;ve got it &amp; logged it &lt;ref&gt;.<br />Thank you.</p><p>In danger? Call 999.</p>");
        assertThat(web.get()
                        .uri("/control/replies?platform=mastodon&recipient=masto_jane")
                        .exchange()
                        .expectStatus()
                        .isOk()
                        .expectBody(ARRAY)
                        .returnResult()
                        .getResponseBody())
                .singleElement()
                .satisfies(r -> assertThat(r.get("text"))
                        .isEqualTo("@masto_jane We've got it & logged it <ref>.\nThank you.\n\nIn danger? Call 999."));
    }

    @Test
    void telegramGroupXAndBlueskyMentionOnceWhateverTheCase() {
        write("telegram", "group", "PCJonesBot", "tg_jane_1", "@pcjonesbot someone is following me");
        write("telegram", "group", "PCJonesBot", "tg_jane_2", "someone took my phone");
        assertThat(telegramTexts())
                .containsExactly("@pcjonesbot someone is following me", "@PCJonesBot someone took my phone");

        write("x", "mention", "PCJonesDemo", "x_jane", "@pcjonesdemo my bike");
        write("x", "mention", "PCJonesDemo", "x_bob", "@PCJonesDemonstration is not you, my bike");
        assertThat(xMentionTexts())
                .containsExactlyInAnyOrder(
                        "@pcjonesdemo my bike", "@PCJonesDemo @PCJonesDemonstration is not you, my bike");

        write("bluesky", "mention", "demopolice.bsky.social", "jane.bsky.social", "@DemoPolice.bsky.social my bike.");
        write("bluesky", "mention", "demopolice.bsky.social", "bob.bsky.social", "my car");
        assertThat(blueskyTexts())
                .containsExactlyInAnyOrder("@DemoPolice.bsky.social my bike.", "@demopolice.bsky.social my car");
    }

    private Map<String, Object> write(String platform, String channel, String account, String sender, String text) {
        return web.post()
                .uri("/control/messages")
                .bodyValue(Map.of(
                        "platform", platform, "channel", channel, "account", account, "sender", sender, "text", text))
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody(OBJECT)
                .returnResult()
                .getResponseBody();
    }

    private List<Map<String, Object>> mastodonNotifications() {
        return web.get()
                .uri("/mastodon/api/v1/notifications?types[]=mention")
                .header(HttpHeaders.AUTHORIZATION, MASTODON_TOKEN)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(ARRAY)
                .returnResult()
                .getResponseBody();
    }

    @SuppressWarnings("unchecked")
    private List<String> telegramTexts() {
        Map<String, Object> body = web.get()
                .uri("/telegram/bot7500000002:sandbox-telegram-token-pcjones/getUpdates")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(OBJECT)
                .returnResult()
                .getResponseBody();
        return ((List<Map<String, Object>>) body.get("result"))
                .stream()
                        .map(u -> (String) ((Map<String, Object>) u.get("message")).get("text"))
                        .toList();
    }

    @SuppressWarnings("unchecked")
    private List<String> xMentionTexts() {
        Map<String, Object> body = web.get()
                .uri("/x/2/users/1500000000000000002/mentions")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + SandboxClient.PC_JONES_TOKEN)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(OBJECT)
                .returnResult()
                .getResponseBody();
        return ((List<Map<String, Object>>) body.get("data"))
                .stream().map(p -> (String) p.get("text")).toList();
    }

    @SuppressWarnings("unchecked")
    private List<String> blueskyTexts() {
        String jwt = (String) web.post()
                .uri("/bluesky/xrpc/com.atproto.server.createSession")
                .bodyValue(Map.of(
                        "identifier", "demopolice.bsky.social", "password", "sandbox-bsky-app-password-demopolice"))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(OBJECT)
                .returnResult()
                .getResponseBody()
                .get("accessJwt");
        Map<String, Object> body = web.get()
                .uri("/bluesky/xrpc/app.bsky.notification.listNotifications")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + jwt)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(OBJECT)
                .returnResult()
                .getResponseBody();
        return ((List<Map<String, Object>>) body.get("notifications"))
                .stream()
                        .map(n -> (String) ((Map<String, Object>) n.get("record")).get("text"))
                        .toList();
    }
}
