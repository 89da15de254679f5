package io.dmdesk.intake.telegram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dmdesk.contracts.Channel;
import io.dmdesk.contracts.InboundMessage;
import io.dmdesk.contracts.MessageKind;
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
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.util.UriComponentsBuilder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Pins the Bot API as core.telegram.org/bots/api documents it: {@code /bot<token>/getUpdates} with offset,
 * timeout (long polling), allowed_updates as a JSON array; answers {@code {"ok":true,"result":[Update]}};
 * errors {@code {"ok":false,"error_code":429,...,"parameters":{"retry_after":N}}}.
 */
class TelegramContractTest {

    static final Account BOT = new Account(
            "telegram-test",
            Platform.TELEGRAM,
            "DemoPoliceBot",
            "7500000001",
            "team",
            "central",
            false,
            null,
            "7500000001:AAF-secret");
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-24T23:00:00Z"), ZoneOffset.UTC);
    static final JsonMapper JSON = JsonMapper.builder().build();

    /** A private-chat text message Update in the documented shape. */
    static final String PRIVATE_MESSAGE = """
            {"update_id":100000001,"message":{"message_id":42,
              "from":{"id":6123456789,"is_bot":false,"first_name":"Jane","last_name":"Doe","username":"jane_doe","language_code":"nb"},
              "chat":{"id":6123456789,"first_name":"Jane","username":"jane_doe","type":"private"},
              "date":1764025200,"text":"Noen har brutt seg inn i bilen min",
              "reply_to_message":{"message_id":41,"chat":{"id":6123456789,"type":"private"},"date":1764025100}}}""";

    @Test
    void getUpdatesAsksFromTheOffsetWithLongPollingAndOnlyMessageUpdates() {
        try (StubApi api = new StubApi().answer(200, "{\"ok\":true,\"result\":[" + PRIVATE_MESSAGE + "]}", Map.of())) {
            TelegramApiClient client =
                    new TelegramApiClient(WebClient.create(), api.baseUrl(), Duration.ofSeconds(5), JSON, CLOCK);

            List<JsonNode> updates = client.getUpdates(BOT, 100000001L, Duration.ofSeconds(3));

            StubApi.Request request = api.requests().get(0);
            assertThat(request.uri().getRawPath()).isEqualTo("/bot7500000001:AAF-secret/getUpdates");
            Map<String, String> query = UriComponentsBuilder.fromUri(request.uri())
                    .build()
                    .getQueryParams()
                    .toSingleValueMap();
            assertThat(query)
                    .containsEntry("offset", "100000001")
                    .containsEntry("timeout", "3")
                    .containsEntry("limit", "100");
            assertThat(URLDecoder.decode(query.get("allowed_updates"), StandardCharsets.UTF_8))
                    .isEqualTo("[\"message\",\"edited_message\"]");
            assertThat(updates).hasSize(1);
        }
    }

    @Test
    void privateMessageBecomesADmWithAChatScopedId() {
        InboundMessage m = TelegramMessages.normalise(BOT, JSON.readTree(PRIVATE_MESSAGE), CLOCK)
                .orElseThrow();

        assertThat(m.messageId()).isEqualTo("telegram:6123456789_42");
        assertThat(m.kind()).isEqualTo(MessageKind.NEW);
        assertThat(m.channel()).isEqualTo(Channel.DM);
        assertThat(m.conversationId()).isEqualTo("6123456789");
        assertThat(m.author().handle()).isEqualTo("jane_doe");
        assertThat(m.author().displayName()).isEqualTo("Jane Doe");
        assertThat(m.languageHint()).isEqualTo("nb");
        assertThat(m.platformTimestamp()).isEqualTo(Instant.ofEpochSecond(1764025200));
        assertThat(m.replyToNativeId()).isEqualTo("6123456789_41");
    }

    @Test
    void groupMessageIsPublicAndAnEditIsAnEditOfTheSameMessage() {
        String edited = """
                {"update_id":100000002,"edited_message":{"message_id":7,"from":{"id":61,"is_bot":false,"first_name":"A"},
                 "chat":{"id":-1001500000001,"title":"Demo Town","type":"supergroup"},"date":1764025200,
                 "edit_date":1764025260,"text":"@DemoPoliceBot edited","photo":[{"file_id":"small"},{"file_id":"large"}]}}""";

        InboundMessage m =
                TelegramMessages.normalise(BOT, JSON.readTree(edited), CLOCK).orElseThrow();

        assertThat(m.channel()).isEqualTo(Channel.PUBLIC);
        assertThat(m.kind()).isEqualTo(MessageKind.EDIT);
        assertThat(m.messageId()).isEqualTo("telegram:-1001500000001_7");
        assertThat(m.platformTimestamp()).isEqualTo(Instant.ofEpochSecond(1764025260));
        assertThat(m.attachments())
                .singleElement()
                .satisfies(a -> assertThat(a.mediaId()).isEqualTo("large"));
    }

    @Test
    void callbackQueriesAndBotsAreNotMessages() {
        assertThat(TelegramMessages.normalise(
                        BOT, JSON.readTree("{\"update_id\":5,\"callback_query\":{\"id\":\"1\"}}"), CLOCK))
                .isEmpty();
        assertThat(TelegramMessages.normalise(
                        BOT,
                        JSON.readTree(
                                "{\"update_id\":6,\"message\":{\"message_id\":1,\"from\":{\"id\":1,\"is_bot\":true},\"chat\":{\"id\":1,\"type\":\"private\"},\"date\":1}}"),
                        CLOCK))
                .isEmpty();
    }

    @Test
    void tooManyRequestsWaitsRetryAfterSeconds() {
        try (StubApi api = new StubApi()
                .answer(
                        429,
                        "{\"ok\":false,\"error_code\":429,\"description\":\"Too Many Requests: retry after 7\",\"parameters\":{\"retry_after\":7}}",
                        Map.of())) {
            TelegramApiClient client =
                    new TelegramApiClient(WebClient.create(), api.baseUrl(), Duration.ofSeconds(5), JSON, CLOCK);

            assertThatThrownBy(() -> client.getUpdates(BOT, null, Duration.ZERO))
                    .isInstanceOfSatisfying(PlatformApiException.class, e -> {
                        assertThat(e.state()).isEqualTo(AccountState.RATE_LIMITED);
                        assertThat(e.retryAfter()).isEqualTo(CLOCK.instant().plusSeconds(7));
                        assertThat(e.getMessage()).doesNotContain("AAF-secret");
                    });
        }
    }

    @Test
    void unauthorizedMeansCredentialsInvalidAndTheTokenIsNotInTheMessage() {
        try (StubApi api = new StubApi()
                .answer(401, "{\"ok\":false,\"error_code\":401,\"description\":\"Unauthorized\"}", Map.of())) {
            TelegramApiClient client =
                    new TelegramApiClient(WebClient.create(), api.baseUrl(), Duration.ofSeconds(5), JSON, CLOCK);

            assertThatThrownBy(() -> client.getUpdates(BOT, null, Duration.ZERO))
                    .isInstanceOfSatisfying(PlatformApiException.class, e -> {
                        assertThat(e.state()).isEqualTo(AccountState.CREDENTIALS_INVALID);
                        assertThat(e.getMessage()).doesNotContain("AAF-secret");
                    });
        }
    }
}
