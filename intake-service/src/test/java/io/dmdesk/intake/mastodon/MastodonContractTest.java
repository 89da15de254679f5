package io.dmdesk.intake.mastodon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dmdesk.contracts.Channel;
import io.dmdesk.contracts.InboundMessage;
import io.dmdesk.contracts.Platform;
import io.dmdesk.intake.connector.PlatformApiException;
import io.dmdesk.intake.testing.StubApi;
import io.dmdesk.support.accounts.AccountsProperties.Account;
import io.dmdesk.support.platform.AccountState;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Pins the Mastodon API as docs.joinmastodon.org documents it: GET /api/v1/notifications with types[]=mention,
 * limit <= 80 and min_id; Link header paging (rel="next" older via max_id, rel="prev" newer via min_id);
 * X-RateLimit-Reset as ISO-8601; status content as HTML; visibility direct = a private mention.
 */
class MastodonContractTest {

    static final Account ACCOUNT = new Account(
            "mastodon-test",
            Platform.MASTODON,
            "DemoPolice",
            "109000000000000001",
            null,
            null,
            false,
            null,
            "access-token");
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-24T23:00:00Z"), ZoneOffset.UTC);

    /** Shaped like the docs' notification example (type mention, account, status with HTML content). */
    static final String NOTIFICATIONS = """
            [{"id":"34975861","type":"mention","created_at":"2019-11-23T07:49:02.064Z",
              "account":{"id":"971724","username":"zsc","acct":"zsc","display_name":"Zach"},
              "status":{"id":"103186126728896492","created_at":"2019-11-23T07:49:01.940Z","in_reply_to_id":"103186038209478512",
                "sensitive":false,"spoiler_text":"","visibility":"direct","language":"en",
                "content":"<p><span class=\\"h-card\\"><a href=\\"https://mastodon.social/@DemoPolice\\" class=\\"u-url mention\\">@<span>DemoPolice</span></a></span> Someone&#39;s in my garden &amp; it&apos;s 2am<br />please help</p><p>Second para</p>",
                "media_attachments":[{"id":"22345792","type":"image","url":"https://files.example/original/abc.png"}]}}]""";

    static final String LINK = "<https://mastodon.example/api/v1/notifications?max_id=34975535>; rel=\"next\", "
            + "<https://mastodon.example/api/v1/notifications?min_id=34975861>; rel=\"prev\"";

    @Test
    void requestAsksForMentionsOnlyWithTheMaximumLimitFromTheCursor() {
        try (StubApi api =
                new StubApi().answer(200, NOTIFICATIONS, Map.of("Link", LINK, "X-RateLimit-Remaining", "299"))) {
            MastodonApiClient client =
                    new MastodonApiClient(WebClient.create(), api.baseUrl(), Duration.ofSeconds(5), CLOCK);

            MastodonApiClient.Page page = client.mentions(ACCOUNT, "34975000");

            StubApi.Request request = api.requests().get(0);
            assertThat(request.uri().getPath()).isEqualTo("/api/v1/notifications");
            assertThat(URLDecoder.decode(request.uri().getRawQuery(), StandardCharsets.UTF_8))
                    .contains("types[]=mention", "limit=80", "min_id=34975000");
            assertThat(request.header("Authorization")).isEqualTo("Bearer access-token");
            assertThat(page.prevMinId()).contains("34975861");
            assertThat(page.rateLimitRemaining()).isEqualTo(299);
            assertThat(page.newestFirst())
                    .singleElement()
                    .satisfies(n -> assertThat(n.status().visibility()).isEqualTo("direct"));
        }
    }

    @Test
    void directVisibilityIsADmAndHtmlBecomesSafePlainText() {
        try (StubApi api = new StubApi().answer(200, NOTIFICATIONS, Map.of())) {
            MastodonApiClient client =
                    new MastodonApiClient(WebClient.create(), api.baseUrl(), Duration.ofSeconds(5), CLOCK);
            MastodonNotification n =
                    client.mentions(ACCOUNT, null).newestFirst().get(0);

            InboundMessage m = MastodonConnector.toInbound(ACCOUNT, n, CLOCK);

            assertThat(m.messageId()).isEqualTo("mastodon:103186126728896492");
            assertThat(m.channel()).isEqualTo(Channel.DM);
            assertThat(m.text()).isEqualTo("@DemoPolice Someone's in my garden & it's 2am\nplease help\n\nSecond para");
            assertThat(m.author().handle()).isEqualTo("zsc");
            assertThat(m.replyToNativeId()).isEqualTo("103186038209478512");
            assertThat(m.attachments())
                    .singleElement()
                    .satisfies(a -> assertThat(a.type()).isEqualTo("image"));
        }
    }

    @Test
    void markupNeverSurvivesTheConversion() {
        assertThat(HtmlText.plain("<p>a<script>alert(1)</script><img src=x onerror=alert(2)>b &lt;b&gt;</p>"))
                .isEqualTo("ab <b>");
        assertThat(HtmlText.plain(null)).isEmpty();
    }

    @Test
    void rateLimitResetIsReadAsIso8601() {
        try (StubApi api = new StubApi()
                .answer(
                        429,
                        "{\"error\":\"Too many requests\"}",
                        Map.of("X-RateLimit-Reset", "2026-11-24T23:05:00.000Z", "X-RateLimit-Remaining", "0"))) {
            MastodonApiClient client =
                    new MastodonApiClient(WebClient.create(), api.baseUrl(), Duration.ofSeconds(5), CLOCK);

            assertThatThrownBy(() -> client.mentions(ACCOUNT, null))
                    .isInstanceOfSatisfying(PlatformApiException.class, e -> {
                        assertThat(e.state()).isEqualTo(AccountState.RATE_LIMITED);
                        assertThat(e.retryAfter()).isEqualTo(Instant.parse("2026-11-24T23:05:00Z"));
                    });
        }
    }

    @Test
    void invalidTokenIsCredentialsInvalid() {
        try (StubApi api = new StubApi().answer(401, "{\"error\":\"The access token is invalid\"}", Map.of())) {
            MastodonApiClient client =
                    new MastodonApiClient(WebClient.create(), api.baseUrl(), Duration.ofSeconds(5), CLOCK);

            assertThatThrownBy(() -> client.mentions(ACCOUNT, null))
                    .isInstanceOfSatisfying(
                            PlatformApiException.class,
                            e -> assertThat(e.state()).isEqualTo(AccountState.CREDENTIALS_INVALID));
        }
    }
}
