package io.dmdesk.sandbox.cases;

import static io.dmdesk.sandbox.SandboxClient.CASE_TOKEN;
import static io.dmdesk.sandbox.SandboxClient.caseBody;
import static org.assertj.core.api.Assertions.assertThat;

import io.dmdesk.sandbox.SandboxClient;
import java.time.Year;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "spring.config.name=sandbox")
@AutoConfigureWebTestClient
class CaseApiTest {

    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {};

    @Autowired
    WebTestClient web;

    SandboxClient sandbox;

    @BeforeEach
    void reset() {
        sandbox = new SandboxClient(web);
        sandbox.reset();
    }

    @Test
    void firstCallOpensARecordWithAYearReference() {
        Map<String, Object> created = sandbox.openCase("key-1", caseBody("report-1"))
                .expectStatus()
                .isCreated()
                .expectHeader()
                .doesNotExist("Idempotent-Replayed")
                .expectBody(JSON)
                .returnResult()
                .getResponseBody();

        assertThat((String) created.get("reference"))
                .matches("CAS-" + Year.now(ZoneOffset.UTC).getValue() + "-\\d{6}");
        assertThat(created).containsEntry("externalId", "report-1").containsKeys("id", "createdAt");
    }

    @Test
    void sameIdempotencyKeyReturnsTheSameRecordAndNeverOpensASecond() {
        Map<String, Object> first = sandbox.openCase("key-1", caseBody("report-1"))
                .expectStatus()
                .isCreated()
                .expectBody(JSON)
                .returnResult()
                .getResponseBody();

        Map<String, Object> replay = sandbox.openCase("key-1", Map.of("anything", "else"))
                .expectStatus()
                .isOk()
                .expectHeader()
                .valueEquals("Idempotent-Replayed", "true")
                .expectBody(JSON)
                .returnResult()
                .getResponseBody();

        assertThat(replay).isEqualTo(first);
        List<Map<String, Object>> cases = sandbox.getList("/control/cases");
        assertThat(cases).hasSize(1);
        assertThat(cases.get(0))
                .containsEntry("reference", first.get("reference"))
                .containsEntry("idempotencyKey", "key-1")
                .containsEntry("body", caseBody("report-1"));
    }

    @Test
    void differentKeysOpenDifferentRecordsWithIncreasingReferences() {
        String first = (String) sandbox.openCase("key-1", caseBody("r1"))
                .expectStatus()
                .isCreated()
                .expectBody(JSON)
                .returnResult()
                .getResponseBody()
                .get("reference");
        String second = (String) sandbox.openCase("key-2", caseBody("r2"))
                .expectStatus()
                .isCreated()
                .expectBody(JSON)
                .returnResult()
                .getResponseBody()
                .get("reference");

        assertThat(second).isGreaterThan(first);
        assertThat(sandbox.getList("/control/cases"))
                .extracting(c -> c.get("reference"))
                .containsExactly(first, second);
    }

    @Test
    void missingRequiredFieldsAre422AndOpenNothing() {
        Map<String, Object> body = new HashMap<>(caseBody("r1"));
        body.remove("category");
        body.put("narrative", "  ");

        sandbox.openCase("key-1", body)
                .expectStatus()
                .isEqualTo(422)
                .expectBody()
                .json("""
            {"error":"validation_failed","fields":["category","narrative"]}""");

        assertThat(sandbox.getList("/control/cases")).isEmpty();
    }

    @Test
    void missingIdempotencyKeyIs400() {
        sandbox.openCase(null, caseBody("r1"))
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .json("""
            {"error":"missing_idempotency_key"}""");
        assertThat(sandbox.getList("/control/cases")).isEmpty();
    }

    @Test
    void wrongOrMissingTokenIs401() {
        web.post()
                .uri("/case-api/v1/records")
                .header("Idempotency-Key", "k")
                .header(HttpHeaders.AUTHORIZATION, "Bearer wrong")
                .bodyValue(caseBody("r1"))
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .expectBody()
                .jsonPath("$.error")
                .isEqualTo("unauthorized");
        web.get()
                .uri("/case-api/v1/records/CAS-2026-000001")
                .exchange()
                .expectStatus()
                .isUnauthorized();
        assertThat(sandbox.getList("/control/cases")).isEmpty();
    }

    @Test
    void invalidJsonIs400() {
        web.post()
                .uri("/case-api/v1/records")
                .header("Idempotency-Key", "k")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + CASE_TOKEN)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("[1,2")
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.error")
                .isEqualTo("invalid_json");
    }

    @Test
    void notesAreIdempotentAndShowOnTheRecord() {
        String reference = (String) sandbox.openCase("key-1", caseBody("r1"))
                .expectStatus()
                .isCreated()
                .expectBody(JSON)
                .returnResult()
                .getResponseBody()
                .get("reference");

        Map<String, Object> note = addNote(
                        reference, "note-1", Map.of("text", "Citizen sent a photo", "author", "bridge"))
                .expectStatus()
                .isCreated()
                .expectBody(JSON)
                .returnResult()
                .getResponseBody();
        Map<String, Object> replay = addNote(reference, "note-1", Map.of("text", "different"))
                .expectStatus()
                .isOk()
                .expectHeader()
                .valueEquals("Idempotent-Replayed", "true")
                .expectBody(JSON)
                .returnResult()
                .getResponseBody();

        assertThat(note).containsEntry("reference", reference).containsKey("noteId");
        assertThat(replay.get("noteId")).isEqualTo(note.get("noteId"));
        web.get()
                .uri("/case-api/v1/records/{reference}", reference)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + CASE_TOKEN)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.reference")
                .isEqualTo(reference)
                .jsonPath("$.body.narrative")
                .isEqualTo(caseBody("r1").get("narrative"))
                .jsonPath("$.notes.length()")
                .isEqualTo(1)
                .jsonPath("$.notes[0].text")
                .isEqualTo("Citizen sent a photo")
                .jsonPath("$.notes[0].author")
                .isEqualTo("bridge");
    }

    @Test
    void noteRulesAreEnforced() {
        String reference = (String) sandbox.openCase("key-1", caseBody("r1"))
                .expectStatus()
                .isCreated()
                .expectBody(JSON)
                .returnResult()
                .getResponseBody()
                .get("reference");

        addNote("CAS-1999-999999", "n", Map.of("text", "x")).expectStatus().isNotFound();
        addNote(reference, null, Map.of("text", "x")).expectStatus().isBadRequest();
        addNote(reference, "n", Map.of("author", "x")).expectStatus().isEqualTo(422);
        web.get()
                .uri("/case-api/v1/records/CAS-1999-999999")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + CASE_TOKEN)
                .exchange()
                .expectStatus()
                .isNotFound();
        assertThat((List<?>) sandbox.getList("/control/cases").get(0).get("notes"))
                .isEmpty();
    }

    private WebTestClient.ResponseSpec addNote(String reference, String key, Map<String, Object> body) {
        WebTestClient.RequestBodySpec request = web.post()
                .uri("/case-api/v1/records/{reference}/notes", reference)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + CASE_TOKEN);
        if (key != null) {
            request = request.header("Idempotency-Key", key);
        }
        return request.bodyValue(body).exchange();
    }
}
