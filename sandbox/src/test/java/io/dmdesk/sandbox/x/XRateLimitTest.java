package io.dmdesk.sandbox.x;

import static io.dmdesk.sandbox.SandboxClient.DEMO_POLICE_TOKEN;
import static io.dmdesk.sandbox.SandboxClient.PC_JONES_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.reactive.server.WebTestClient;

@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.config.name=sandbox", "sandbox.x.rate-limit.dm-events=3"})
@AutoConfigureWebTestClient
class XRateLimitTest {

    @Autowired
    WebTestClient web;

    @Test
    void requestsOverTheLimitGet429WithRateLimitHeadersAndOtherTokensAreUnaffected() {
        long now = System.currentTimeMillis() / 1000;
        for (int remaining = 2; remaining >= 0; remaining--) {
            get(DEMO_POLICE_TOKEN)
                    .expectStatus()
                    .isOk()
                    .expectHeader()
                    .valueEquals("x-rate-limit-limit", "3")
                    .expectHeader()
                    .valueEquals("x-rate-limit-remaining", Integer.toString(remaining));
        }

        get(DEMO_POLICE_TOKEN)
                .expectStatus()
                .isEqualTo(HttpStatus.TOO_MANY_REQUESTS)
                .expectHeader()
                .valueEquals("x-rate-limit-limit", "3")
                .expectHeader()
                .valueEquals("x-rate-limit-remaining", "0")
                .expectHeader()
                .value(
                        "x-rate-limit-reset",
                        reset -> assertThat(Long.parseLong(reset)).isBetween(now + 1, now + 15 * 60 + 2))
                .expectBody()
                .json("""
            {"title":"Too Many Requests","detail":"Too Many Requests","type":"about:blank","status":429}""");

        get(PC_JONES_TOKEN).expectStatus().isOk().expectHeader().valueEquals("x-rate-limit-remaining", "2");
    }

    private WebTestClient.ResponseSpec get(String token) {
        return web.get()
                .uri("/x/2/dm_events")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .exchange();
    }
}
