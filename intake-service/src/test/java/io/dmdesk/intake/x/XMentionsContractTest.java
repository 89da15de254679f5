package io.dmdesk.intake.x;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dmdesk.contracts.Platform;
import io.dmdesk.intake.connector.PlatformApiException;
import io.dmdesk.intake.testing.StubApi;
import io.dmdesk.support.accounts.AccountsProperties.Account;
import io.dmdesk.support.platform.AccountState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Pins GET /2/users/:id/mentions as docs.x.com describes it: path with the account's user id, since_id (or
 * start_time on first connect), tweet.fields asked for explicitly, expansions=author_id, pagination_token,
 * and the answer's data[], includes.users[], meta.newest_id / next_token; rate-limit reset in epoch seconds.
 */
class XMentionsContractTest {

    static final Account ACCOUNT =
            new Account("x-test", Platform.X, "DemoPolice", "2244994945", null, null, false, null, "user-token");

    /** The response example of the X docs' user-mention quickstart, plus meta as the reference documents it. */
    static final String DOCS_EXAMPLE = """
            {"data":[{"id":"1301573587187331074","text":"Hey @XDevelopers, love the new API!",
              "author_id":"1234567890","created_at":"2024-01-15T10:30:00.000Z",
              "public_metrics":{"retweet_count":5,"reply_count":2,"like_count":42,"quote_count":1}}],
             "includes":{"users":[{"id":"1234567890","name":"Developer","username":"developer","verified":false}]},
             "meta":{"result_count":1,"newest_id":"1301573587187331074","oldest_id":"1301573587187331074",
              "next_token":"7140dibdnow9c7btw3w29grvxfcgvpb9n9coehpk7xz5i"}}""";

    @Test
    void requestCarriesSinceIdFieldsAndExpansionAndTheAnswerIsRead() {
        try (StubApi api = new StubApi().answer(200, DOCS_EXAMPLE, Map.of("x-rate-limit-remaining", "179"))) {
            XApiClient client =
                    new XApiClient(WebClient.create(), api.baseUrl(), Duration.ofSeconds(5), Clock.systemUTC());

            XApiClient.MentionsPage page = client.mentions(ACCOUNT, "1301573587187330000", Instant.now(), "tok1");

            StubApi.Request request = api.requests().get(0);
            assertThat(request.uri().getPath()).isEqualTo("/2/users/2244994945/mentions");
            Map<String, String> query = UriComponentsBuilder.fromUri(request.uri())
                    .build()
                    .getQueryParams()
                    .toSingleValueMap();
            assertThat(query)
                    .containsEntry("since_id", "1301573587187330000")
                    .containsEntry("pagination_token", "tok1")
                    .containsEntry("expansions", "author_id")
                    .containsEntry("max_results", "100")
                    .doesNotContainKey("start_time");
            assertThat(query.get("tweet.fields").split("%2C|,")).contains("author_id", "created_at");
            assertThat(request.header("Authorization")).isEqualTo("Bearer user-token");

            assertThat(page.rateLimitRemaining()).isEqualTo(179);
            assertThat(page.body().meta().newestId()).isEqualTo("1301573587187331074");
            assertThat(page.body().nextToken()).contains("7140dibdnow9c7btw3w29grvxfcgvpb9n9coehpk7xz5i");
            XMentionsPage.Post post = page.body().data().get(0);
            assertThat(post.authorId()).isEqualTo("1234567890");
            assertThat(post.createdAt()).isEqualTo(Instant.parse("2024-01-15T10:30:00Z"));
            assertThat(page.body().usersById().get("1234567890").username()).isEqualTo("developer");
        }
    }

    @Test
    void firstConnectAsksForTheBackfillWindowWithStartTime() {
        try (StubApi api = new StubApi().answer(200, "{\"meta\":{\"result_count\":0}}", Map.of())) {
            XApiClient client =
                    new XApiClient(WebClient.create(), api.baseUrl(), Duration.ofSeconds(5), Clock.systemUTC());

            XApiClient.MentionsPage page =
                    client.mentions(ACCOUNT, null, Instant.parse("2026-11-23T22:00:00.123Z"), null);

            assertThat(UriComponentsBuilder.fromUri(api.requests().get(0).uri())
                            .build()
                            .getQueryParams()
                            .toSingleValueMap())
                    .containsEntry("start_time", "2026-11-23T22:00:00Z")
                    .doesNotContainKey("since_id");
            assertThat(page.body().data()).isEmpty();
        }
    }

    @Test
    void tooManyRequestsCarriesTheEpochSecondsReset() {
        try (StubApi api = new StubApi()
                .answer(
                        429,
                        "{\"title\":\"Too Many Requests\",\"status\":429}",
                        Map.of("x-rate-limit-reset", "1764028800", "x-rate-limit-remaining", "0"))) {
            XApiClient client =
                    new XApiClient(WebClient.create(), api.baseUrl(), Duration.ofSeconds(5), Clock.systemUTC());

            assertThatThrownBy(() -> client.mentions(ACCOUNT, "1", null, null))
                    .isInstanceOfSatisfying(PlatformApiException.class, e -> {
                        assertThat(e.state()).isEqualTo(AccountState.RATE_LIMITED);
                        assertThat(e.retryAfter()).isEqualTo(Instant.ofEpochSecond(1764028800));
                    });
        }
    }

    @Test
    void unauthorizedMeansCredentialsInvalid() {
        try (StubApi api = new StubApi().answer(401, "{\"title\":\"Unauthorized\",\"status\":401}", Map.of())) {
            XApiClient client =
                    new XApiClient(WebClient.create(), api.baseUrl(), Duration.ofSeconds(5), Clock.systemUTC());

            assertThatThrownBy(() -> client.mentions(ACCOUNT, "1", null, null))
                    .isInstanceOfSatisfying(
                            PlatformApiException.class,
                            e -> assertThat(e.state()).isEqualTo(AccountState.CREDENTIALS_INVALID));
        }
    }
}
