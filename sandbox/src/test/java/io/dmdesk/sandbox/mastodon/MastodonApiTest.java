package io.dmdesk.sandbox.mastodon;

import static org.assertj.core.api.Assertions.assertThat;

import io.dmdesk.sandbox.SandboxClient;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Mastodon notifications as docs.joinmastodon.org describes them: paging ids, Link header, ISO rate-limit reset. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "spring.config.name=sandbox")
@AutoConfigureWebTestClient
class MastodonApiTest {

    static final String TOKEN = "Bearer sandbox-mastodon-token-demopolice";

    @Autowired
    WebTestClient web;

    @BeforeEach
    void reset() {
        new SandboxClient(web).reset();
    }

    @Test
    void notificationsPageWithLinkHeaderAndMinIdReturnsThePageRightAfterIt() {
        write("dm", "one & <two>");
        write("mention", "three");
        write("mention", "four");

        EntityExchangeResult<List<Map<String, Object>>> all = get("?types[]=mention&limit=2");
        List<Map<String, Object>> page = all.getResponseBody();
        assertThat(page).hasSize(2);
        String link = all.getResponseHeaders().getFirst("Link");
        assertThat(link)
                .contains(
                        "rel=\"next\"",
                        "rel=\"prev\"",
                        "max_id=" + page.get(1).get("id"),
                        "min_id=" + page.get(0).get("id"));
        assertThat(Instant.parse(all.getResponseHeaders().getFirst("X-RateLimit-Reset")))
                .isAfter(Instant.now().minusSeconds(5));

        List<Map<String, Object>> older =
                get("?types[]=mention&max_id=" + page.get(1).get("id")).getResponseBody();
        assertThat(older).hasSize(1);
        @SuppressWarnings("unchecked")
        Map<String, Object> status = (Map<String, Object>) older.get(0).get("status");
        assertThat(status).containsEntry("visibility", "direct");
        assertThat((String) status.get("content"))
                .contains("one &amp; &lt;two&gt;")
                .contains("class=\"u-url mention\"");

        List<Map<String, Object>> afterOldest =
                get("?types[]=mention&limit=1&min_id=" + older.get(0).get("id")).getResponseBody();
        assertThat(afterOldest)
                .extracting(n -> n.get("id"))
                .containsExactly(page.get(1).get("id"));
    }

    @Test
    void invalidTokenIsMastodonsErrorShape() {
        web.get()
                .uri("/mastodon/api/v1/notifications")
                .header(HttpHeaders.AUTHORIZATION, "Bearer nope")
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .expectBody()
                .json("{\"error\":\"The access token is invalid\"}");
    }

    private void write(String channel, String text) {
        web.post()
                .uri("/control/messages")
                .bodyValue(Map.of(
                        "platform",
                        "mastodon",
                        "channel",
                        channel,
                        "account",
                        "DemoPolice",
                        "sender",
                        "masto_citizen",
                        "text",
                        text))
                .exchange()
                .expectStatus()
                .isCreated();
    }

    private EntityExchangeResult<List<Map<String, Object>>> get(String query) {
        return web.get()
                .uri("/mastodon/api/v1/notifications" + query)
                .header(HttpHeaders.AUTHORIZATION, TOKEN)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(new ParameterizedTypeReference<List<Map<String, Object>>>() {})
                .returnResult();
    }
}
