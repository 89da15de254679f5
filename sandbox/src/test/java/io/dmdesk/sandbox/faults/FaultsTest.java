package io.dmdesk.sandbox.faults;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Switchable faults: a simulated API answers the injected status until the fault is cleared or expires. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "spring.config.name=sandbox")
@AutoConfigureWebTestClient
class FaultsTest {

    @Autowired
    WebTestClient web;

    @AfterEach
    void clear() {
        for (String target : Faults.TARGETS.keySet()) {
            web.delete()
                    .uri("/control/faults/{t}", target)
                    .exchange()
                    .expectStatus()
                    .isNoContent();
        }
    }

    @Test
    void injectedOutageAnswersItsStatusOnlyForItsTargetUntilCleared() {
        web.put()
                .uri("/control/faults/telegram")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("status", 503))
                .exchange()
                .expectStatus()
                .isOk();
        web.get()
                .uri("/telegram/bot7500000001:sandbox-telegram-token-demopolice/getUpdates")
                .exchange()
                .expectStatus()
                .isEqualTo(503);
        web.get()
                .uri("/control/faults")
                .exchange()
                .expectBody()
                .jsonPath("$.telegram.status")
                .isEqualTo(503);
        // Other platforms are untouched.
        web.get()
                .uri("/x/2/dm_events")
                .headers(h -> h.setBearerAuth("sandbox-x-token-demopolice"))
                .exchange()
                .expectStatus()
                .isOk();

        web.delete().uri("/control/faults/telegram").exchange().expectStatus().isNoContent();
        web.get()
                .uri("/telegram/bot7500000001:sandbox-telegram-token-demopolice/getUpdates")
                .exchange()
                .expectStatus()
                .isOk();
    }

    @Test
    void faultExpiresByItself() {
        web.put()
                .uri("/control/faults/mastodon")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("status", 500, "forSeconds", 1))
                .exchange()
                .expectStatus()
                .isOk();
        web.get()
                .uri("/mastodon/api/v1/notifications")
                .headers(h -> h.setBearerAuth("sandbox-mastodon-token-demopolice"))
                .exchange()
                .expectStatus()
                .isEqualTo(500);
        await().atMost(Duration.ofSeconds(5))
                .pollInterval(Duration.ofMillis(100))
                .untilAsserted(() -> web.get()
                        .uri("/mastodon/api/v1/notifications")
                        .headers(h -> h.setBearerAuth("sandbox-mastodon-token-demopolice"))
                        .exchange()
                        .expectStatus()
                        .isOk());
    }

    @Test
    void injected429OnAGraphReadIsGraphPageThrottlingWithRegainMinutesAndIsLoggedPerPage() {
        web.put()
                .uri("/control/faults/meta")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("status", 429, "forSeconds", 90))
                .exchange()
                .expectStatus()
                .isOk();
        // Graph throttles reads with 400 and a throttling code, usage headers at 100 % and the regain time in minutes.
        web.get()
                .uri("/meta/v21.0/17841400000000001/media")
                .headers(h -> h.setBearerAuth("sandbox-meta-page-token-demopolice"))
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectHeader()
                .valueEquals("X-App-Usage", "{\"call_count\":100,\"total_cputime\":100,\"total_time\":100}")
                .expectHeader()
                .valueEquals(
                        "X-Business-Use-Case-Usage",
                        "{\"610000000000001\":[{\"type\":\"pages\","
                                + "\"call_count\":100,\"total_cputime\":100,\"total_time\":100,\"estimated_time_to_regain_access\":2}]}")
                .expectBody()
                .jsonPath("$.error.code")
                .isEqualTo(32)
                .jsonPath("$.error.type")
                .isEqualTo("OAuthException");
        // Send API posts keep the Messenger send throttle.
        web.post()
                .uri("/meta/v21.0/me/messages")
                .headers(h -> h.setBearerAuth("sandbox-meta-page-token-demopolice"))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of())
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.error.code")
                .isEqualTo(80006);
        // The read is logged under its page (an Instagram account's reads count to its linked page).
        web.get()
                .uri("/control/requests?platform=meta&account=610000000000001")
                .exchange()
                .expectBody()
                .jsonPath("$[-1].status")
                .isEqualTo(429)
                .jsonPath("$[-1].scope")
                .isEqualTo("page")
                .jsonPath("$[-1].resetAt")
                .exists();

        web.delete().uri("/control/faults/meta").exchange().expectStatus().isNoContent();
        web.get()
                .uri("/meta/v21.0/610000000000001/feed")
                .headers(h -> h.setBearerAuth("sandbox-meta-page-token-demopolice"))
                .exchange()
                .expectStatus()
                .isOk();
        web.get()
                .uri("/control/requests?platform=meta&account=610000000000001")
                .exchange()
                .expectBody()
                .jsonPath("$[-1].status")
                .isEqualTo(200);
    }

    @Test
    void metaRateLimitFaultThrottlesOnePagesGraphReadsUntilSwitchedOff() {
        web.post()
                .uri("/control/faults")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of(
                        "platform", "instagram", "fault", "rate-limit", "account", "demopolice", "enabled", true))
                .exchange()
                .expectStatus()
                .is2xxSuccessful();
        // The Instagram account's fault throttles its page: the page's conversations read is refused too.
        web.get()
                .uri("/meta/v21.0/610000000000001/conversations")
                .headers(h -> h.setBearerAuth("sandbox-meta-page-token-demopolice"))
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectHeader()
                .valueEquals(
                        "X-Business-Use-Case-Usage",
                        "{\"610000000000001\":[{\"type\":\"pages\","
                                + "\"call_count\":100,\"total_cputime\":100,\"total_time\":100,\"estimated_time_to_regain_access\":1}]}")
                .expectBody()
                .jsonPath("$.error.code")
                .isEqualTo(32);
        web.get()
                .uri("/control/requests?platform=meta&account=610000000000001")
                .exchange()
                .expectBody()
                .jsonPath("$[-1].status")
                .isEqualTo(429);

        web.post()
                .uri("/control/faults")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of(
                        "platform", "instagram", "fault", "rate-limit", "account", "demopolice", "enabled", false))
                .exchange()
                .expectStatus()
                .is2xxSuccessful();
        web.get()
                .uri("/meta/v21.0/17841400000000001/media")
                .headers(h -> h.setBearerAuth("sandbox-meta-page-token-demopolice"))
                .exchange()
                .expectStatus()
                .isOk();
    }

    @Test
    void unknownTargetAndBadStatusAreRefused() {
        web.put()
                .uri("/control/faults/myspace")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("status", 503))
                .exchange()
                .expectStatus()
                .isBadRequest();
        web.put()
                .uri("/control/faults/x")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("status", 200))
                .exchange()
                .expectStatus()
                .isBadRequest();
    }
}
