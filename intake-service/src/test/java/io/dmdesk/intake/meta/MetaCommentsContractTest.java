package io.dmdesk.intake.meta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dmdesk.contracts.Platform;
import io.dmdesk.intake.IntakeProperties;
import io.dmdesk.intake.connector.PlatformApiException;
import io.dmdesk.intake.testing.StubApi;
import io.dmdesk.support.accounts.AccountsProperties;
import io.dmdesk.support.accounts.AccountsProperties.Account;
import io.dmdesk.support.platform.AccountState;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * Pins the comment catch-up reads as the Graph API reference defines them: page comments through
 * {@code GET /v21.0/{page-id}/feed} with the {@code comments} edge (Comment: id, created_time, from, message,
 * parent), Instagram comments through {@code GET /v21.0/{ig-user-id}/media} with {@code comments} (IG Comment: id,
 * timestamp, text, username, from, parent_id); the page token as bearer; Graph times like
 * {@code 2026-11-24T23:00:00+0000}; OAuthException 190 is an expired token.
 */
class MetaCommentsContractTest {

    static final Account FACEBOOK = new Account(
            "facebook-test", Platform.FACEBOOK, "Police", "610000000000009", null, null, false, null, "page-token-9");
    static final Account INSTAGRAM = new Account(
            "instagram-test",
            Platform.INSTAGRAM,
            "police",
            "17841400000000009",
            null,
            null,
            false,
            null,
            "page-token-9");
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-24T23:00:00Z"), ZoneOffset.UTC);

    @Test
    void pageCommentsAreReadFromTheFeedWithTheCommentsEdge() {
        try (StubApi api = new StubApi()
                .answer(
                        200,
                        """
                {"data":[{"id":"610000000000009_100","created_time":"2026-11-24T22:00:00+0000","comments":{"data":[
                  {"id":"610000000000009_100_7","created_time":"2026-11-24T22:59:01+0000",
                   "from":{"id":"9001","name":"Ola"},"message":"fire on main street"}]}}]}""",
                        Map.of(
                                "X-Business-Use-Case-Usage",
                                "{\"610000000000009\":[{\"type\":\"pages\",\"call_count\":40,"
                                        + "\"total_cputime\":1,\"total_time\":1,\"estimated_time_to_regain_access\":0}]}"))) {
            MetaGraph.Fetched fetched = graph(api)
                    .get(
                            FACEBOOK,
                            FACEBOOK.platformUserId(),
                            "feed",
                            Map.of("fields", MetaCommentsConnector.FEED_FIELDS));

            StubApi.Request request = api.requests().get(0);
            assertThat(request.uri().getPath()).isEqualTo("/v21.0/610000000000009/feed");
            assertThat(URLDecoder.decode(request.uri().getRawQuery(), StandardCharsets.UTF_8))
                    .isEqualTo("fields=id,created_time,comments.limit(100){id,created_time,from,message,parent}");
            assertThat(request.header("Authorization")).isEqualTo("Bearer page-token-9");
            assertThat(fetched.body()
                            .path("data")
                            .get(0)
                            .path("comments")
                            .path("data")
                            .get(0)
                            .path("message")
                            .asString())
                    .isEqualTo("fire on main street");
            assertThat(MetaGraph.time(fetched.body()
                            .path("data")
                            .get(0)
                            .path("comments")
                            .path("data")
                            .get(0)
                            .path("created_time")))
                    .isEqualTo(Instant.parse("2026-11-24T22:59:01Z"));
            assertThat(fetched.remainingPercent()).isEqualTo(60);
        }
    }

    @Test
    void instagramCommentsAreReadFromTheAccountsMediaWithTheCommentsEdge() {
        try (StubApi api = new StubApi().answer(200, "{\"data\":[]}", Map.of())) {
            graph(api)
                    .get(
                            INSTAGRAM,
                            INSTAGRAM.platformUserId(),
                            "media",
                            Map.of("fields", MetaCommentsConnector.MEDIA_FIELDS));

            StubApi.Request request = api.requests().get(0);
            assertThat(request.uri().getPath()).isEqualTo("/v21.0/17841400000000009/media");
            assertThat(URLDecoder.decode(request.uri().getRawQuery(), StandardCharsets.UTF_8))
                    .isEqualTo("fields=id,timestamp,comments.limit(100){id,timestamp,text,username,from,parent_id}");
        }
    }

    @Test
    void anExpiredPageTokenIsCredentialsInvalid() {
        try (StubApi api = new StubApi().answer(400, """
                {"error":{"message":"Error validating access token: Session has expired","type":"OAuthException",
                "code":190,"error_subcode":463,"fbtrace_id":"x"}}""", Map.of())) {
            assertThatThrownBy(
                            () -> graph(api).get(FACEBOOK, FACEBOOK.platformUserId(), "feed", Map.of("fields", "id")))
                    .isInstanceOfSatisfying(
                            PlatformApiException.class,
                            e -> assertThat(e.state()).isEqualTo(AccountState.CREDENTIALS_INVALID));
        }
    }

    private static MetaGraph graph(StubApi api) {
        AccountsProperties accounts = new AccountsProperties(
                List.of(FACEBOOK, INSTAGRAM),
                Map.of(
                        "facebook",
                        new AccountsProperties.PlatformApi(api.baseUrl()),
                        "instagram",
                        new AccountsProperties.PlatformApi(api.baseUrl())));
        return new MetaGraph(
                accounts,
                new IntakeProperties(Duration.ofSeconds(1), Duration.ofHours(24), Duration.ofSeconds(5), 10),
                JsonMapper.builder().build(),
                CLOCK);
    }
}
