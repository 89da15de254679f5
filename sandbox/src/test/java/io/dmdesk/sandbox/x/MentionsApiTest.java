package io.dmdesk.sandbox.x;

import static io.dmdesk.sandbox.SandboxClient.DEMO_POLICE_ID;
import static io.dmdesk.sandbox.SandboxClient.DEMO_POLICE_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

import io.dmdesk.sandbox.SandboxClient;
import java.util.ArrayList;
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

/** GET /2/users/:id/mentions as docs.x.com describes it: newest first, since_id, paging, meta.newest_id. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "spring.config.name=sandbox")
@AutoConfigureWebTestClient
class MentionsApiTest {

    @Autowired
    WebTestClient web;

    @BeforeEach
    void reset() {
        new SandboxClient(web).reset();
    }

    @Test
    void mentionsComeNewestFirstPagedAndSinceIdExcludesWhatWasSeen() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            ids.add((String) mention("citizen_" + i, "help " + i).get("id"));
        }

        Map<String, Object> first = get("?max_results=5&tweet.fields=author_id,created_at&expansions=author_id");
        assertThat(data(first))
                .extracting(p -> p.get("id"))
                .containsExactly(ids.get(5), ids.get(4), ids.get(3), ids.get(2), ids.get(1));
        assertThat(data(first).get(0))
                .containsKeys("author_id", "created_at")
                .containsEntry("text", "@DemoPolice help 5");
        assertThat(meta(first))
                .containsEntry("newest_id", ids.get(5))
                .containsEntry("oldest_id", ids.get(1))
                .containsEntry("result_count", 5)
                .containsKey("next_token");
        assertThat(first).containsKey("includes");

        Map<String, Object> second =
                get("?max_results=5&pagination_token=" + meta(first).get("next_token"));
        assertThat(data(second)).extracting(p -> p.get("id")).containsExactly(ids.get(0));
        assertThat(data(second).get(0)).doesNotContainKey("author_id");

        Map<String, Object> since = get("?since_id=" + ids.get(3));
        assertThat(data(since)).extracting(p -> p.get("id")).containsExactly(ids.get(5), ids.get(4));
        assertThat(meta(get("?since_id=" + ids.get(5))))
                .containsEntry("result_count", 0)
                .doesNotContainKey("newest_id");
    }

    @Test
    void maxResultsOutsideFiveToHundredIsABadRequest() {
        web.get()
                .uri("/x/2/users/" + DEMO_POLICE_ID + "/mentions?max_results=4")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + DEMO_POLICE_TOKEN)
                .exchange()
                .expectStatus()
                .isBadRequest();
    }

    @Test
    void expiredTokenFaultAnswers401UntilSwitchedOff() {
        web.post()
                .uri("/control/faults")
                .bodyValue(Map.of("platform", "x", "fault", "expired-token", "account", "DemoPolice"))
                .exchange()
                .expectStatus()
                .isNoContent();
        web.get()
                .uri("/x/2/users/" + DEMO_POLICE_ID + "/mentions")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + DEMO_POLICE_TOKEN)
                .exchange()
                .expectStatus()
                .isUnauthorized();
        web.post()
                .uri("/control/faults")
                .bodyValue(Map.of("platform", "x", "fault", "expired-token", "account", "DemoPolice", "enabled", false))
                .exchange()
                .expectStatus()
                .isNoContent();
        web.get()
                .uri("/x/2/users/" + DEMO_POLICE_ID + "/mentions")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + DEMO_POLICE_TOKEN)
                .exchange()
                .expectStatus()
                .isOk();
    }

    private Map<String, Object> mention(String sender, String text) {
        return web.post()
                .uri("/control/messages")
                .bodyValue(Map.of(
                        "platform", "x", "channel", "mention", "account", "DemoPolice", "sender", sender, "text", text))
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody(new ParameterizedTypeReference<Map<String, Object>>() {})
                .returnResult()
                .getResponseBody();
    }

    private Map<String, Object> get(String query) {
        return web.get()
                .uri("/x/2/users/" + DEMO_POLICE_ID + "/mentions" + query)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + DEMO_POLICE_TOKEN)
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .exists("x-rate-limit-remaining")
                .expectBody(new ParameterizedTypeReference<Map<String, Object>>() {})
                .returnResult()
                .getResponseBody();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> data(Map<String, Object> body) {
        return (List<Map<String, Object>>) body.getOrDefault("data", List.of());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> meta(Map<String, Object> body) {
        return (Map<String, Object>) body.get("meta");
    }
}
