package io.dmdesk.sandbox.faults;

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
      web.delete().uri("/control/faults/{t}", target).exchange().expectStatus().isNoContent();
    }
  }

  @Test
  void injectedOutageAnswersItsStatusOnlyForItsTargetUntilCleared() {
    web.put().uri("/control/faults/telegram").contentType(MediaType.APPLICATION_JSON)
        .bodyValue(Map.of("status", 503)).exchange().expectStatus().isOk();
    web.get().uri("/telegram/bot7500000001:sandbox-telegram-token-demopolice/getUpdates")
        .exchange().expectStatus().isEqualTo(503);
    web.get().uri("/control/faults").exchange().expectBody().jsonPath("$.telegram.status").isEqualTo(503);
    // Other platforms are untouched.
    web.get().uri("/x/2/dm_events").headers(h -> h.setBearerAuth("sandbox-x-token-demopolice"))
        .exchange().expectStatus().isOk();

    web.delete().uri("/control/faults/telegram").exchange().expectStatus().isNoContent();
    web.get().uri("/telegram/bot7500000001:sandbox-telegram-token-demopolice/getUpdates")
        .exchange().expectStatus().isOk();
  }

  @Test
  void faultExpiresByItself() throws InterruptedException {
    web.put().uri("/control/faults/mastodon").contentType(MediaType.APPLICATION_JSON)
        .bodyValue(Map.of("status", 500, "forSeconds", 1)).exchange().expectStatus().isOk();
    web.get().uri("/mastodon/api/v1/notifications").headers(h -> h.setBearerAuth("sandbox-mastodon-token-demopolice"))
        .exchange().expectStatus().isEqualTo(500);
    Thread.sleep(1200);
    web.get().uri("/mastodon/api/v1/notifications").headers(h -> h.setBearerAuth("sandbox-mastodon-token-demopolice"))
        .exchange().expectStatus().isOk();
  }

  @Test
  void unknownTargetAndBadStatusAreRefused() {
    web.put().uri("/control/faults/myspace").contentType(MediaType.APPLICATION_JSON)
        .bodyValue(Map.of("status", 503)).exchange().expectStatus().isBadRequest();
    web.put().uri("/control/faults/x").contentType(MediaType.APPLICATION_JSON)
        .bodyValue(Map.of("status", 200)).exchange().expectStatus().isBadRequest();
  }
}
