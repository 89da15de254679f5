package io.dmdesk.sandbox.cases;

import static io.dmdesk.sandbox.SandboxClient.caseBody;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyInserters;

/** The case system's OAuth2 client-credentials endpoint (RFC 6749 4.4) and the bearer tokens it issues. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "spring.config.name=sandbox")
@AutoConfigureWebTestClient
class CaseTokenTest {

    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {};

    @Autowired
    WebTestClient web;

    @Test
    void clientCredentialsGrantIssuesABearerTokenTheRecordsApiAccepts() {
        Map<String, Object> token = web.post()
                .uri("/case-api/oauth/token")
                .headers(h -> h.setBasicAuth("dm-desk", "sandbox-case-secret"))
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .body(BodyInserters.fromFormData("grant_type", "client_credentials"))
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .valueEquals("Cache-Control", "no-store")
                .expectBody(JSON)
                .returnResult()
                .getResponseBody();
        assertThat(token).containsEntry("token_type", "Bearer").containsEntry("expires_in", 300);

        web.post()
                .uri("/case-api/v1/records")
                .headers(h -> h.setBearerAuth(token.get("access_token").toString()))
                .header("Idempotency-Key", "oauth-key-1")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(caseBody("oauth-report-1"))
                .exchange()
                .expectStatus()
                .isCreated();
    }

    @Test
    void wrongClientSecretIsInvalidClient() {
        web.post()
                .uri("/case-api/oauth/token")
                .headers(h -> h.setBasicAuth("dm-desk", "wrong"))
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .body(BodyInserters.fromFormData("grant_type", "client_credentials"))
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .expectBody(JSON)
                .value(b -> assertThat(b).containsEntry("error", "invalid_client"));
    }

    @Test
    void otherGrantTypesAreRefused() {
        web.post()
                .uri("/case-api/oauth/token")
                .headers(h -> h.setBasicAuth("dm-desk", "sandbox-case-secret"))
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .body(BodyInserters.fromFormData("grant_type", "password"))
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody(JSON)
                .value(b -> assertThat(b).containsEntry("error", "unsupported_grant_type"));
    }

    @Test
    void madeUpBearerTokenIsRefused() {
        web.post()
                .uri("/case-api/v1/records")
                .headers(h -> h.setBearerAuth("not-issued"))
                .header("Idempotency-Key", "oauth-key-2")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(caseBody("oauth-report-2"))
                .exchange()
                .expectStatus()
                .isUnauthorized();
    }
}
