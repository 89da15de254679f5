package io.dmdesk.notifier.send;

import io.dmdesk.contracts.InboundMessage;
import io.dmdesk.contracts.Platform;
import io.dmdesk.support.accounts.AccountsProperties;
import io.dmdesk.support.accounts.AccountsProperties.Account;
import io.dmdesk.support.errors.DependencyUnavailableException;
import io.dmdesk.support.platform.AccountState;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientResponseException;

/**
 * Bluesky chat through the account's PDS: {@code chat.bsky.convo.sendMessage} into the conversation the report
 * came from, with {@code atproto-proxy: did:web:api.bsky.chat#bsky_chat} so the PDS forwards it to the chat
 * service. The configured token is an app password: {@code com.atproto.server.createSession} turns it into an
 * accessJwt, kept per account and renewed once when the PDS answers 401 (ExpiredToken). Sent messages are
 * looked up with {@code chat.bsky.convo.getMessages} (newest first) to settle an unknown outcome.
 */
@Component
class BlueskySender implements PlatformSender {

    static final String CHAT_PROXY = "did:web:api.bsky.chat#bsky_chat";
    private static final int LOOKUP_PAGES = 3;

    private final WebClient http;
    private final SenderHealth health;
    private final Map<String, String> sessions = new ConcurrentHashMap<>();

    BlueskySender(AccountsProperties accounts, SenderHealth health) {
        this.http = WebClient.builder()
                .baseUrl(accounts.baseUrl(Platform.BLUESKY).toString())
                .build();
        this.health = health;
    }

    @Override
    public Platform platform() {
        return Platform.BLUESKY;
    }

    @Override
    public String sendDirect(Account from, Recipient to, String text) {
        Map<?, ?> answer = withSession(
                from,
                jwt -> http.post()
                        .uri("/xrpc/chat.bsky.convo.sendMessage")
                        .header(HttpHeaders.AUTHORIZATION, "Bearer " + jwt)
                        .header("atproto-proxy", CHAT_PROXY)
                        .contentType(MediaType.APPLICATION_JSON)
                        .bodyValue(Map.of("convoId", to.conversationId(), "message", Map.of("text", text)))
                        .retrieve()
                        .bodyToMono(Map.class)
                        .timeout(SendCalls.TIMEOUT)
                        .block());
        if (answer == null || answer.get("id") == null) {
            throw new DependencyUnavailableException("bluesky answered without a message id", null);
        }
        return answer.get("id").toString();
    }

    /**
     * A public mention is answered in its thread: {@code com.atproto.repo.createRecord} of an
     * {@code app.bsky.feed.post} in the account's repo with {@code reply.root} / {@code reply.parent} strong refs
     * (uri + cid), as intake read them. The PDS answers {@code {"uri","cid"}}; the uri is the reply's id. A lost
     * outcome is posted again (no lookup; see docs/DECISIONS.md).
     */
    @Override
    public String replyPublic(Account from, Recipient to, String text) {
        String cid = to.platformRefs().get(InboundMessage.CID);
        String rootUri = to.platformRefs().get(InboundMessage.ROOT_URI);
        String rootCid = to.platformRefs().get(InboundMessage.ROOT_CID);
        if (to.replyToMessageId() == null || cid == null || rootUri == null || rootCid == null) {
            throw new RecipientUnreachableException(
                    "bluesky: the post's strong ref (uri and cid) is unknown, " + "so no reply can join its thread");
        }
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("$type", "app.bsky.feed.post");
        record.put("text", text);
        record.put("createdAt", Instant.now().toString());
        record.put(
                "reply",
                Map.of(
                        "root",
                        Map.of("uri", rootUri, "cid", rootCid),
                        "parent",
                        Map.of("uri", to.replyToMessageId(), "cid", cid)));
        Map<?, ?> answer = withSession(
                from,
                jwt -> http.post()
                        .uri("/xrpc/com.atproto.repo.createRecord")
                        .header(HttpHeaders.AUTHORIZATION, "Bearer " + jwt)
                        .contentType(MediaType.APPLICATION_JSON)
                        .bodyValue(Map.of(
                                "repo", from.platformUserId(), "collection", "app.bsky.feed.post", "record", record))
                        .retrieve()
                        .bodyToMono(Map.class)
                        .timeout(SendCalls.TIMEOUT)
                        .block());
        if (answer == null || answer.get("uri") == null) {
            throw new DependencyUnavailableException("bluesky answered without the post uri", null);
        }
        return answer.get("uri").toString();
    }

    @Override
    public Optional<String> findSent(Account from, Recipient to, String marker) {
        String cursor = null;
        for (int page = 0; page < LOOKUP_PAGES; page++) {
            String pageCursor = cursor;
            Map<?, ?> answer = withSession(
                    from,
                    jwt -> http.get()
                            .uri(u -> {
                                u.path("/xrpc/chat.bsky.convo.getMessages")
                                        .queryParam("convoId", to.conversationId())
                                        .queryParam("limit", 100);
                                if (pageCursor != null) {
                                    u.queryParam("cursor", pageCursor);
                                }
                                return u.build();
                            })
                            .header(HttpHeaders.AUTHORIZATION, "Bearer " + jwt)
                            .header("atproto-proxy", CHAT_PROXY)
                            .retrieve()
                            .bodyToMono(Map.class)
                            .timeout(SendCalls.TIMEOUT)
                            .block());
            if (answer != null && answer.get("messages") instanceof List<?> messages) {
                for (Object o : messages) {
                    if (o instanceof Map<?, ?> m
                            && m.get("sender") instanceof Map<?, ?> sender
                            && from.platformUserId().equals(sender.get("did"))
                            && String.valueOf(m.get("text")).contains(marker)) {
                        return Optional.of(String.valueOf(m.get("id")));
                    }
                }
            }
            cursor = answer == null || answer.get("cursor") == null
                    ? null
                    : answer.get("cursor").toString();
            if (cursor == null || cursor.isEmpty()) {
                break;
            }
        }
        return Optional.empty();
    }

    /** One call with the account's session; an expired accessJwt is renewed once and the call repeated. */
    private Map<?, ?> withSession(Account from, Function<String, Map<?, ?>> call) {
        String jwt = sessions.computeIfAbsent(from.id(), id -> createSession(from));
        try {
            return SendCalls.call(health, platform(), from, () -> call.apply(jwt), e -> expired(e));
        } catch (SessionExpired e) {
            sessions.remove(from.id(), jwt);
            String fresh = sessions.computeIfAbsent(from.id(), id -> createSession(from));
            return SendCalls.call(health, platform(), from, () -> call.apply(fresh), null);
        }
    }

    private String createSession(Account from) {
        Map<?, ?> answer = SendCalls.call(
                health,
                platform(),
                from,
                () -> http.post()
                        .uri("/xrpc/com.atproto.server.createSession")
                        .contentType(MediaType.APPLICATION_JSON)
                        .bodyValue(Map.of("identifier", from.handle(), "password", from.token()))
                        .retrieve()
                        .bodyToMono(Map.class)
                        .timeout(SendCalls.TIMEOUT)
                        .block(),
                e -> {
                    if (e.getStatusCode().value() == 401 || e.getStatusCode().value() == 400) {
                        health.report(
                                platform().code(),
                                from.id(),
                                AccountState.CREDENTIALS_INVALID,
                                "bluesky refused the app password (createSession "
                                        + e.getStatusCode().value() + ")");
                        return new DependencyUnavailableException("bluesky credentials invalid for " + from.id(), null);
                    }
                    return null;
                });
        if (answer == null || answer.get("accessJwt") == null) {
            throw new DependencyUnavailableException("bluesky createSession returned no accessJwt", null);
        }
        return answer.get("accessJwt").toString();
    }

    private RuntimeException expired(WebClientResponseException e) {
        if (e.getStatusCode().value() == 401) {
            return new SessionExpired();
        }
        if (e.getStatusCode().value() == 400) {
            String error = "";
            try {
                Map<?, ?> body = e.getResponseBodyAs(Map.class);
                error = body == null ? "" : String.valueOf(body.get("error"));
            } catch (RuntimeException unreadable) {
                // a plain 400
            }
            return new RecipientUnreachableException("bluesky refused the message (400 " + error
                    + "): the conversation is closed or the citizen does not accept messages");
        }
        return null;
    }

    private static final class SessionExpired extends RuntimeException {
        SessionExpired() {
            super("bluesky session expired", null, false, false);
        }
    }
}
