package io.dmdesk.sandbox.control;

import static io.dmdesk.sandbox.SandboxClient.DEMO_POLICE;
import static io.dmdesk.sandbox.SandboxClient.DEMO_POLICE_ID;
import static io.dmdesk.sandbox.SandboxClient.DEMO_POLICE_TOKEN;
import static io.dmdesk.sandbox.SandboxClient.PC_JONES;
import static io.dmdesk.sandbox.SandboxClient.PC_JONES_TOKEN;
import static io.dmdesk.sandbox.SandboxClient.caseBody;
import static io.dmdesk.sandbox.SandboxClient.meta;
import static org.assertj.core.api.Assertions.assertThat;

import io.dmdesk.sandbox.SandboxClient;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "spring.config.name=sandbox")
@AutoConfigureWebTestClient
class ControlApiTest {

    @Autowired
    WebTestClient web;

    SandboxClient sandbox;

    @BeforeEach
    void reset() {
        sandbox = new SandboxClient(web);
        sandbox.reset();
    }

    @Test
    void citizenMessageIsAnsweredWithItsIdsAndShowsUpOnX() {
        Map<String, Object> sent = sandbox.citizenWrites(DEMO_POLICE, "jane_citizen", "My phone was stolen");

        assertThat(sent)
                .containsEntry("platform", "x")
                .containsEntry("account", DEMO_POLICE)
                .containsEntry("sender", "jane_citizen")
                .containsEntry("conversationId", DEMO_POLICE_ID + "-" + sent.get("senderId"))
                .containsKeys("id", "createdAt");
        assertThat(SandboxClient.data(sandbox.dmEvents(DEMO_POLICE_TOKEN, "")))
                .singleElement()
                .satisfies(event -> assertThat(event).containsEntry("id", sent.get("id")));
    }

    @Test
    void invalidMessagesAreRejectedNamingTheFieldAndCreateNothing() {
        Map<String, String> valid = Map.of(
                "platform", "x", "channel", "dm", "account", DEMO_POLICE, "sender", "jane_citizen", "text", "hello");
        Map<String, Map<String, String>> invalidByField = Map.of(
                "platform", with(valid, "platform", "myspace"),
                "channel", with(valid, "channel", "story"),
                "account", with(valid, "account", "NotMonitored"),
                "sender", with(valid, "sender", "not a handle!"),
                "text", with(valid, "text", "   "));

        invalidByField.forEach((field, body) -> web.post()
                .uri("/control/messages")
                .bodyValue(body)
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.field")
                .isEqualTo(field)
                .jsonPath("$.message")
                .exists());
        web.post()
                .uri("/control/messages")
                .bodyValue(with(valid, "sender", PC_JONES))
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.field")
                .isEqualTo("sender");
        web.post()
                .uri("/control/messages")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{oops")
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.field")
                .isEqualTo("body");

        assertThat(meta(sandbox.dmEvents(DEMO_POLICE_TOKEN, ""))).containsEntry("result_count", 0);
        assertThat(meta(sandbox.dmEvents(PC_JONES_TOKEN, ""))).containsEntry("result_count", 0);
    }

    @Test
    void repliesListWhatAccountsSentToCitizensOldestFirstAndFilters() {
        String jane = (String)
                sandbox.citizenWrites(DEMO_POLICE, "jane_citizen", "help").get("senderId");
        String john = (String)
                sandbox.citizenWrites(PC_JONES, "john_citizen", "hello").get("senderId");
        sandbox.sentDm(DEMO_POLICE_TOKEN, jane, "first to jane");
        sandbox.sentDm(PC_JONES_TOKEN, john, "to john");
        sandbox.sentDm(DEMO_POLICE_TOKEN, jane, "second to jane");

        List<Map<String, Object>> all = sandbox.getList("/control/replies");
        List<Map<String, Object>> toJane = sandbox.getList("/control/replies?platform=x&recipient=Jane_Citizen");

        assertThat(all)
                .extracting(reply -> reply.get("text"))
                .containsExactly("first to jane", "to john", "second to jane");
        assertThat(toJane).extracting(reply -> reply.get("text")).containsExactly("first to jane", "second to jane");
        assertThat(toJane.get(0))
                .containsEntry("platform", "x")
                .containsEntry("account", DEMO_POLICE)
                .containsEntry("recipient", "jane_citizen")
                .containsEntry("recipientId", jane)
                .containsEntry("conversationId", DEMO_POLICE_ID + "-" + jane)
                .containsKeys("id", "sentAt");
        assertThat(sandbox.getList("/control/replies?platform=mastodon")).isEmpty();
    }

    @Test
    void accountsAreListedPerPlatformWithoutTokens() {
        web.get()
                .uri("/control/accounts")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .json("""
            {"x":[{"handle":"DemoPolice","id":"1500000000000000001","name":"Demo Police"},
                  {"handle":"PCJonesDemo","id":"1500000000000000002","name":"PC Jones"}]}""")
                .jsonPath("$.x[0].token")
                .doesNotExist();
    }

    @Test
    void resetClearsMessagesRepliesAndCases() {
        String jane = (String)
                sandbox.citizenWrites(DEMO_POLICE, "jane_citizen", "help").get("senderId");
        sandbox.sentDm(DEMO_POLICE_TOKEN, jane, "reply");
        sandbox.openCase("k", caseBody("r1")).expectStatus().isCreated();

        sandbox.reset();

        assertThat(meta(sandbox.dmEvents(DEMO_POLICE_TOKEN, ""))).containsEntry("result_count", 0);
        assertThat(sandbox.getList("/control/replies")).isEmpty();
        assertThat(sandbox.getList("/control/cases")).isEmpty();
        // The citizen is gone too, so the product cannot message them until they write again.
        sandbox.sendDm(DEMO_POLICE_TOKEN, jane, Map.of("text", "hi"))
                .expectStatus()
                .isBadRequest();
    }

    @Test
    void citizenPageIsServedWithoutExternalResources() {
        String html = web.get()
                .uri("/")
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.TEXT_HTML)
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
                .contains("<label for=\"sender\">", "<label for=\"text\">", "<html lang=\"en\">")
                .doesNotContain("http://", "https://");
        assertThat(script).doesNotContain("innerHTML", "http://", "https://");
    }

    @Test
    void healthAndPrometheusAreExposed() {
        web.get()
                .uri("/actuator/health")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("UP");
        web.get()
                .uri("/actuator/prometheus")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .value(body -> assertThat(body).contains("jvm_"));
    }

    private static Map<String, String> with(Map<String, String> body, String field, String value) {
        Map<String, String> copy = new HashMap<>(body);
        copy.put(field, value);
        return copy;
    }
}
