package io.dmdesk.sandbox;

import java.util.List;
import java.util.Map;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The calls the tests make again and again, against a running sandbox. */
public final class SandboxClient {

    public static final String DEMO_POLICE = "DemoPolice";
    public static final String DEMO_POLICE_ID = "1500000000000000001";
    public static final String DEMO_POLICE_TOKEN = "sandbox-x-token-demopolice";
    public static final String PC_JONES = "PCJonesDemo";
    public static final String PC_JONES_ID = "1500000000000000002";
    public static final String PC_JONES_TOKEN = "sandbox-x-token-pcjones";
    public static final String CASE_TOKEN = "sandbox-case-token";

    private static final ParameterizedTypeReference<Map<String, Object>> JSON_OBJECT =
            new ParameterizedTypeReference<>() {};
    private static final ParameterizedTypeReference<List<Map<String, Object>>> JSON_ARRAY =
            new ParameterizedTypeReference<>() {};

    private final WebTestClient client;

    public SandboxClient(WebTestClient client) {
        this.client = client;
    }

    public WebTestClient web() {
        return client;
    }

    public void reset() {
        client.post().uri("/control/reset").exchange().expectStatus().isNoContent();
    }

    /** A citizen DMs a monitored X account through the control API; returns the control API's answer. */
    public Map<String, Object> citizenWrites(String account, String sender, String text) {
        return client.post()
                .uri("/control/messages")
                .bodyValue(Map.of("platform", "x", "channel", "dm", "account", account, "sender", sender, "text", text))
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody(JSON_OBJECT)
                .returnResult()
                .getResponseBody();
    }

    public Map<String, Object> dmEvents(String token, String query) {
        return client.get()
                .uri("/x/2/dm_events" + (query.isEmpty() ? "" : "?" + query))
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JSON_OBJECT)
                .returnResult()
                .getResponseBody();
    }

    public WebTestClient.ResponseSpec sendDm(String token, String participantId, Object body) {
        return client.post()
                .uri("/x/2/dm_conversations/with/{id}/messages", participantId)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .bodyValue(body)
                .exchange();
    }

    public Map<String, Object> sentDm(String token, String participantId, String text) {
        return sendDm(token, participantId, Map.of("text", text))
                .expectStatus()
                .isEqualTo(HttpStatus.CREATED)
                .expectBody(JSON_OBJECT)
                .returnResult()
                .getResponseBody();
    }

    public List<Map<String, Object>> getList(String uri) {
        return client.get()
                .uri(uri)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JSON_ARRAY)
                .returnResult()
                .getResponseBody();
    }

    public Map<String, Object> getObject(String uri) {
        return client.get()
                .uri(uri)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JSON_OBJECT)
                .returnResult()
                .getResponseBody();
    }

    public WebTestClient.ResponseSpec openCase(String idempotencyKey, Object body) {
        WebTestClient.RequestBodySpec request =
                client.post().uri("/case-api/v1/records").header(HttpHeaders.AUTHORIZATION, "Bearer " + CASE_TOKEN);
        if (idempotencyKey != null) {
            request = request.header("Idempotency-Key", idempotencyKey);
        }
        return request.bodyValue(body).exchange();
    }

    public static Map<String, Object> caseBody(String externalId) {
        return Map.of(
                "externalId", externalId,
                "title", "Bike stolen",
                "category", "THEFT",
                "urgency", "ROUTINE",
                "occurredAt", "2026-11-24T22:30:00.000Z",
                "reporter", Map.of("platform", "x", "handle", "jane_citizen", "displayName", "Jane"),
                "narrative", "My bike was stolen from outside the station last night.");
    }

    @SuppressWarnings("unchecked")
    public static List<Map<String, Object>> data(Map<String, Object> response) {
        return (List<Map<String, Object>>) response.getOrDefault("data", List.of());
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> meta(Map<String, Object> response) {
        return (Map<String, Object>) response.get("meta");
    }
}
