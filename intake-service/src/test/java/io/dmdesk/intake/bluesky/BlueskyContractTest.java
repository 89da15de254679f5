package io.dmdesk.intake.bluesky;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dmdesk.contracts.Channel;
import io.dmdesk.contracts.InboundMessage;
import io.dmdesk.contracts.MessageKind;
import io.dmdesk.contracts.Platform;
import io.dmdesk.intake.IntakeProperties;
import io.dmdesk.intake.connector.PlatformApiException;
import io.dmdesk.intake.testing.StubApi;
import io.dmdesk.support.accounts.AccountsProperties;
import io.dmdesk.support.accounts.AccountsProperties.Account;
import io.dmdesk.support.platform.AccountState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * Pins the XRPC calls as the lexicons define them: createSession with the app password, chat.bsky.convo.getLog
 * through the PDS with {@code atproto-proxy: did:web:api.bsky.chat#bsky_chat}, log entries
 * {@code chat.bsky.convo.defs#logCreateMessage} / {@code #logDeleteMessage}; ratelimit-reset in epoch seconds.
 */
class BlueskyContractTest {

    static final Account ACCOUNT = new Account(
            "bluesky-test",
            Platform.BLUESKY,
            "police.example",
            "did:plc:police",
            null,
            null,
            false,
            null,
            "app-pass-1234");
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-24T23:00:00Z"), ZoneOffset.UTC);
    static final JsonMapper JSON = JsonMapper.builder().build();

    static final String LOG = """
            {"cursor":"3lbx2","logs":[
              {"$type":"chat.bsky.convo.defs#logBeginConvo","rev":"3lbx0","convoId":"c1"},
              {"$type":"chat.bsky.convo.defs#logCreateMessage","rev":"3lbx1","convoId":"c1","message":{
                "$type":"chat.bsky.convo.defs#messageView","id":"m1","rev":"3lbx1","text":"my bag was stolen",
                "sender":{"did":"did:plc:citizen"},"sentAt":"2026-11-24T22:59:00.000Z"}},
              {"$type":"chat.bsky.convo.defs#logDeleteMessage","rev":"3lbx2","convoId":"c1","message":{
                "$type":"chat.bsky.convo.defs#deletedMessageView","id":"m0","rev":"3lbx2",
                "sender":{"did":"did:plc:citizen"},"sentAt":"2026-11-24T22:58:00.000Z"}}]}""";

    @Test
    void chatGoesThroughThePdsWithTheProxyHeaderAndASession() {
        try (StubApi api = new StubApi()
                .answer(200, LOG, Map.of())
                .answer(
                        "/xrpc/com.atproto.server.createSession",
                        200,
                        "{\"did\":\"did:plc:police\",\"accessJwt\":\"jwt-1\"}")) {
            BlueskyClient client = client(api);

            var answer = client.query(ACCOUNT, "chat.bsky.convo.getLog", Map.of("cursor", "3lbw9"), true);

            StubApi.Request session = api.requests().get(0);
            assertThat(session.uri().getPath()).isEqualTo("/xrpc/com.atproto.server.createSession");
            assertThat(session.body()).contains("\"identifier\":\"police.example\"", "\"password\":\"app-pass-1234\"");
            StubApi.Request log = api.requests().get(1);
            assertThat(log.uri().getPath()).isEqualTo("/xrpc/chat.bsky.convo.getLog");
            assertThat(log.uri().getQuery()).isEqualTo("cursor=3lbw9");
            assertThat(log.header("atproto-proxy")).isEqualTo("did:web:api.bsky.chat#bsky_chat");
            assertThat(log.header("Authorization")).isEqualTo("Bearer jwt-1");
            assertThat(answer.path("logs")).hasSize(3);
        }
    }

    @Test
    void createdMessagesAreDmsDeletionsAreDeletesAndOtherEntriesAreSkipped() {
        BlueskyChatConnector connector = new BlueskyChatConnector(null, null, null, null, null, CLOCK);
        List<InboundMessage> messages = JSON.readTree(LOG)
                .path("logs")
                .valueStream()
                .flatMap(l -> connector.normalise(ACCOUNT, l, null).stream())
                .toList();

        assertThat(messages).extracting(InboundMessage::messageId).containsExactly("bluesky:m1", "bluesky:m0");
        assertThat(messages.get(0).channel()).isEqualTo(Channel.DM);
        assertThat(messages.get(0).conversationId()).isEqualTo("c1");
        assertThat(messages.get(1).kind()).isEqualTo(MessageKind.DELETE);
    }

    @Test
    void aMentionCarriesTheStrongRefsAReplyNeedsAndAThreadStarterIsItsOwnRoot() {
        BlueskyMentionsConnector connector = new BlueskyMentionsConnector(null, null, null, null, null, CLOCK);
        InboundMessage reply = connector.toInbound(ACCOUNT, JSON.readTree("""
                {"uri":"at://did:plc:citizen/app.bsky.feed.post/3lc2","cid":"bafyrei-c2","reason":"reply",
                 "author":{"did":"did:plc:citizen","handle":"jane.bsky.social"},
                 "record":{"$type":"app.bsky.feed.post","text":"@police.example help","createdAt":"2026-11-24T22:59:00.000Z",
                   "reply":{"root":{"uri":"at://did:plc:other/app.bsky.feed.post/3lc0","cid":"bafyrei-c0"},
                            "parent":{"uri":"at://did:plc:other/app.bsky.feed.post/3lc1","cid":"bafyrei-c1"}}},
                 "indexedAt":"2026-11-24T22:59:01.000Z"}"""));
        assertThat(reply.channel()).isEqualTo(Channel.PUBLIC);
        assertThat(reply.nativeMessageId()).isEqualTo("at://did:plc:citizen/app.bsky.feed.post/3lc2");
        assertThat(reply.platformRefs())
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        InboundMessage.CID,
                        "bafyrei-c2",
                        InboundMessage.ROOT_URI,
                        "at://did:plc:other/app.bsky.feed.post/3lc0",
                        InboundMessage.ROOT_CID,
                        "bafyrei-c0"));

        InboundMessage starter = connector.toInbound(ACCOUNT, JSON.readTree("""
                {"uri":"at://did:plc:citizen/app.bsky.feed.post/3lc3","cid":"bafyrei-c3","reason":"mention",
                 "author":{"did":"did:plc:citizen","handle":"jane.bsky.social"},
                 "record":{"$type":"app.bsky.feed.post","text":"@police.example help","createdAt":"2026-11-24T22:59:00.000Z"},
                 "indexedAt":"2026-11-24T22:59:01.000Z"}"""));
        assertThat(starter.platformRefs())
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        InboundMessage.CID,
                        "bafyrei-c3",
                        InboundMessage.ROOT_URI,
                        "at://did:plc:citizen/app.bsky.feed.post/3lc3",
                        InboundMessage.ROOT_CID,
                        "bafyrei-c3"));
    }

    @Test
    void refusedAppPasswordIsCredentialsInvalidAndRateLimitResetIsEpochSeconds() {
        try (StubApi api = new StubApi()
                .answer(200, "{}", Map.of())
                .answer("/xrpc/com.atproto.server.createSession", 401, "{\"error\":\"AuthenticationRequired\"}")) {
            assertThatThrownBy(() ->
                            client(api).query(ACCOUNT, "app.bsky.notification.listNotifications", Map.of(), false))
                    .isInstanceOfSatisfying(
                            PlatformApiException.class,
                            e -> assertThat(e.state()).isEqualTo(AccountState.CREDENTIALS_INVALID));
        }
        try (StubApi api = new StubApi()
                .answer(429, "{\"error\":\"RateLimitExceeded\"}", Map.of("ratelimit-reset", "1764025500"))
                .answer("/xrpc/com.atproto.server.createSession", 200, "{\"accessJwt\":\"jwt\"}")) {
            assertThatThrownBy(() ->
                            client(api).query(ACCOUNT, "app.bsky.notification.listNotifications", Map.of(), false))
                    .isInstanceOfSatisfying(PlatformApiException.class, e -> {
                        assertThat(e.state()).isEqualTo(AccountState.RATE_LIMITED);
                        assertThat(e.retryAfter()).isEqualTo(Instant.ofEpochSecond(1764025500));
                    });
        }
    }

    private static BlueskyClient client(StubApi api) {
        AccountsProperties accounts = new AccountsProperties(
                List.of(ACCOUNT), Map.of("bluesky", new AccountsProperties.PlatformApi(api.baseUrl())));
        return new BlueskyClient(
                accounts,
                new IntakeProperties(Duration.ofSeconds(1), Duration.ofHours(24), Duration.ofSeconds(5), 10),
                JSON,
                CLOCK);
    }
}
