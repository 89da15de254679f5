package io.dmdesk.sandbox.tokens;

import static org.assertj.core.api.Assertions.assertThat;

import io.dmdesk.sandbox.state.MutableClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The sandbox's expiring tokens on a clock the test moves: X's refresh-token grant (rotating, one-time refresh tokens,
 * 401 on a lapsed access token) and Meta's debug_token, fb_exchange_token and page tokens (lapsed page token refused
 * with OAuthException 190 on Graph calls).
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.config.name=sandbox",
            "sandbox.data-dir=",
            "sandbox.x.oauth.access-token-lifetime=PT1H",
            "sandbox.x.oauth.configured-tokens-expire=true",
            "sandbox.meta.tokens.page-token-lifetime=PT1H",
            "sandbox.meta.tokens.configured-tokens-expire=true"
        })
@AutoConfigureWebTestClient
class ExpiringTokensTest {

    static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-12-07T12:00:00Z"));

    @TestConfiguration
    static class Time {
        @Bean
        @Primary
        Clock testClock() {
            return CLOCK;
        }
    }

    @Autowired
    WebTestClient web;

    @Test
    void xRefreshRotatesTheRefreshTokenSpendsTheOldOneAndALapsedAccessTokenIs401() {
        Map<?, ?> first = refresh("sandbox-x-refresh-token-demopolice", true)
                .expectStatus()
                .isOk()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        assertThat(first.get("token_type")).isEqualTo("bearer");
        assertThat(first.get("expires_in")).isEqualTo(3600);
        assertThat(first.get("access_token")).isNotNull();
        assertThat(first.get("refresh_token")).isNotNull();
        assertThat((String) first.get("scope")).contains("offline.access");
        refresh("sandbox-x-refresh-token-demopolice", true)
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.error")
                .isEqualTo("invalid_request");
        refresh((String) first.get("refresh_token"), false).expectStatus().isUnauthorized();
        Map<?, ?> second = refresh((String) first.get("refresh_token"), true)
                .expectStatus()
                .isOk()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        assertThat(second.get("refresh_token")).isNotEqualTo(first.get("refresh_token"));

        String access = (String) second.get("access_token");
        dmEvents(access).expectStatus().isOk();
        CLOCK.advance(Duration.ofMinutes(61));
        dmEvents(access).expectStatus().isUnauthorized();
        dmEvents("sandbox-x-token-demopolice")
                .expectStatus()
                .isUnauthorized(); // configured, lapsed an hour after start
        Map<?, ?> third = refresh((String) second.get("refresh_token"), true)
                .expectStatus()
                .isOk()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        dmEvents((String) third.get("access_token")).expectStatus().isOk();
    }

    @Test
    void metaPageTokensComeFromAnExchangedUserTokenAndLapseOnGraphCalls() {
        String app = "sandbox-meta-app-id|sandbox-meta-app-secret";
        web.get()
                .uri(u -> u.path("/meta/v21.0/debug_token")
                        .queryParam("input_token", "sandbox-meta-user-token-demopolice")
                        .queryParam("access_token", app)
                        .build())
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.data.type")
                .isEqualTo("USER")
                .jsonPath("$.data.is_valid")
                .isEqualTo(true)
                .jsonPath("$.data.data_access_expires_at")
                .isNumber();
        web.get()
                .uri(u -> u.path("/meta/v21.0/debug_token")
                        .queryParam("input_token", "x")
                        .queryParam("access_token", "wrong")
                        .build())
                .exchange()
                .expectStatus()
                .isBadRequest();

        Map<?, ?> exchanged = web.get()
                .uri(u -> u.path("/meta/v21.0/oauth/access_token")
                        .queryParam("grant_type", "fb_exchange_token")
                        .queryParam("client_id", "sandbox-meta-app-id")
                        .queryParam("client_secret", "sandbox-meta-app-secret")
                        .queryParam("fb_exchange_token", "sandbox-meta-user-token-demopolice")
                        .build())
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        assertThat(((Number) exchanged.get("expires_in")).longValue())
                .isEqualTo(Duration.ofDays(60).toSeconds());
        String user = (String) exchanged.get("access_token");
        Map<?, ?> page = web.get()
                .uri(u -> u.path("/meta/v21.0/610000000000001")
                        .queryParam("fields", "access_token")
                        .queryParam("access_token", user)
                        .build())
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        String pageToken = (String) page.get("access_token");

        web.get()
                .uri(u -> u.path("/meta/v21.0/debug_token")
                        .queryParam("input_token", pageToken)
                        .queryParam("access_token", app)
                        .build())
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.data.type")
                .isEqualTo("PAGE")
                .jsonPath("$.data.expires_at")
                .isEqualTo(CLOCK.instant().plus(Duration.ofHours(1)).getEpochSecond());
        conversations(pageToken).expectStatus().isOk();
        CLOCK.advance(Duration.ofMinutes(61));
        conversations(pageToken)
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.error.code")
                .isEqualTo(190);
        web.get()
                .uri(u -> u.path("/meta/v21.0/debug_token")
                        .queryParam("input_token", pageToken)
                        .queryParam("access_token", app)
                        .build())
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.data.is_valid")
                .isEqualTo(false);
    }

    private WebTestClient.ResponseSpec refresh(String refreshToken, boolean basic) {
        return web.post()
                .uri("/x/2/oauth2/token")
                .headers(h -> {
                    if (basic) {
                        h.setBasicAuth("sandbox-x-client-id", "sandbox-x-client-secret");
                    }
                })
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .bodyValue("grant_type=refresh_token&client_id=sandbox-x-client-id&refresh_token=" + refreshToken)
                .exchange();
    }

    private WebTestClient.ResponseSpec dmEvents(String token) {
        return web.get()
                .uri("/x/2/dm_events")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .exchange();
    }

    private WebTestClient.ResponseSpec conversations(String token) {
        return web.get()
                .uri("/meta/v21.0/610000000000001/conversations?platform=messenger")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .exchange();
    }
}
