package io.dmdesk.sandbox.bluesky;

import io.dmdesk.sandbox.faults.RequestLog;
import io.dmdesk.sandbox.state.Timestamps;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * A PDS at {@code /bluesky/xrpc}: {@code com.atproto.server.createSession} (app password to accessJwt),
 * {@code chat.bsky.convo.getLog} (only with {@code atproto-proxy: did:web:api.bsky.chat#bsky_chat}, as the PDS
 * proxies chat to the chat service), {@code app.bsky.notification.listNotifications}. Errors are XRPC's
 * {@code {"error","message"}}; rate limits use {@code ratelimit-*} headers with an epoch-seconds reset.
 */
@RestController
class XrpcController {

    static final String CHAT_PROXY = "did:web:api.bsky.chat#bsky_chat";

    private final BlueskyProperties properties;
    private final BlueskyState state;
    private final Clock clock;
    /** accessJwt -> DID and expiry */
    private final Map<String, Access> sessions = new ConcurrentHashMap<>();
    /** refreshJwt -> DID; single use (rotated by refreshSession) */
    private final Map<String, String> refreshTokens = new ConcurrentHashMap<>();

    private record Access(String did, Instant expiresAt) {}
    /** Fault switches, per DID: revoked app password / a 429 burst until the given epoch second. */
    final Map<String, Boolean> revoked = new ConcurrentHashMap<>();

    final Map<String, Long> limitedUntil = new ConcurrentHashMap<>();

    private final RequestLog requests;

    XrpcController(BlueskyProperties properties, BlueskyState state, Clock clock, RequestLog requests) {
        this.requests = requests;
        this.properties = properties;
        this.state = state;
        this.clock = clock;
    }

    @PostMapping("/bluesky/xrpc/com.atproto.server.createSession")
    ResponseEntity<Map<String, Object>> createSession(@RequestBody JsonNode body) {
        String identifier = body.path("identifier").asString("");
        Optional<BlueskyProperties.Account> account = properties.accounts().stream()
                .filter(a -> a.handle().equalsIgnoreCase(identifier) || a.did().equals(identifier))
                .filter(a -> a.appPassword().equals(body.path("password").asString("")))
                .filter(a -> !revoked.containsKey(a.did()))
                .findFirst();
        if (account.isEmpty()) {
            return error(401, "AuthenticationRequired", "Invalid identifier or password");
        }
        requests.admitted("bluesky", account.get().handle(), "createSession");
        return issue(account.get());
    }

    /**
     * {@code com.atproto.server.refreshSession}: the refreshJwt as bearer; a new accessJwt and refreshJwt (the old
     * refresh token is spent). A spent, unknown or revoked refresh token is 400 ExpiredToken.
     */
    @PostMapping("/bluesky/xrpc/com.atproto.server.refreshSession")
    ResponseEntity<Map<String, Object>> refreshSession(
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String auth) {
        String did = auth == null || !auth.startsWith("Bearer ") ? null : refreshTokens.remove(auth.substring(7));
        Optional<BlueskyProperties.Account> account = properties.accounts().stream()
                .filter(a -> a.did().equals(did) && !revoked.containsKey(a.did()))
                .findFirst();
        if (account.isEmpty()) {
            return error(400, "ExpiredToken", "Token has been revoked");
        }
        requests.admitted("bluesky", account.get().handle(), "refreshSession");
        return issue(account.get());
    }

    private ResponseEntity<Map<String, Object>> issue(BlueskyProperties.Account account) {
        String jwt = "sandbox-jwt-" + UUID.randomUUID();
        String refresh = "sandbox-refresh-" + UUID.randomUUID();
        sessions.put(jwt, new Access(account.did(), clock.instant().plus(properties.accessTokenTtl())));
        refreshTokens.put(refresh, account.did());
        return ResponseEntity.ok(Map.of(
                "did",
                account.did(),
                "handle",
                account.handle(),
                "accessJwt",
                jwt,
                "refreshJwt",
                refresh,
                "active",
                true));
    }

    @GetMapping("/bluesky/xrpc/chat.bsky.convo.getLog")
    ResponseEntity<Map<String, Object>> getLog(
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String auth,
            @RequestHeader(name = "atproto-proxy", required = false) String proxy,
            @RequestParam(required = false) String cursor) {
        String did = session(auth);
        if (did == null) {
            return error(401, "ExpiredToken", "Token has expired");
        }
        if (!CHAT_PROXY.equals(proxy)) {
            return error(400, "InvalidRequest", "chat.bsky methods need the atproto-proxy header " + CHAT_PROXY);
        }
        ResponseEntity<Map<String, Object>> limited = limited(did);
        if (limited != null) {
            return limited;
        }
        List<BlueskyState.ChatMessage> log = state.log(did, cursor);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put(
                "logs",
                log.stream()
                        .map(m -> Map.of(
                                "$type",
                                "chat.bsky.convo.defs#logCreateMessage",
                                "rev",
                                m.rev(),
                                "convoId",
                                m.convoId(),
                                "message",
                                Map.of(
                                        "$type",
                                        "chat.bsky.convo.defs#messageView",
                                        "id",
                                        m.messageId(),
                                        "rev",
                                        m.rev(),
                                        "text",
                                        m.text(),
                                        "sender",
                                        Map.of("did", m.senderDid()),
                                        "sentAt",
                                        Timestamps.iso(m.sentAt()))))
                        .toList());
        body.put(
                "cursor",
                log.isEmpty()
                        ? (cursor == null ? "" : cursor)
                        : log.get(log.size() - 1).rev());
        return ResponseEntity.ok().headers(rateHeaders()).body(body);
    }

    /** chat.bsky.convo.sendMessage: {@code {"convoId","message":{"text"}}} into a conversation the account is in. */
    @PostMapping("/bluesky/xrpc/chat.bsky.convo.sendMessage")
    ResponseEntity<Map<String, Object>> sendMessage(
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String auth,
            @RequestHeader(name = "atproto-proxy", required = false) String proxy,
            @RequestBody JsonNode body) {
        ResponseEntity<Map<String, Object>> refused = chatRefusal(auth, proxy);
        if (refused != null) {
            return refused;
        }
        String did = session(auth);
        String convoId = body.path("convoId").asString("");
        String text = body.path("message").path("text").asString("");
        if (convoId.isBlank() || text.isBlank() || text.length() > 1000) {
            return error(400, "InvalidRequest", "convoId and message.text (1-1000 characters) are required");
        }
        return state.send(convoId, did, text)
                .map(m -> ResponseEntity.ok().headers(rateHeaders()).body(messageView(m)))
                .orElseGet(() -> error(400, "InvalidConvo", "Convo not found"));
    }

    /** chat.bsky.convo.getMessages: one conversation's messages, newest first; {@code cursor} pages to older. */
    @GetMapping("/bluesky/xrpc/chat.bsky.convo.getMessages")
    ResponseEntity<Map<String, Object>> getMessages(
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String auth,
            @RequestHeader(name = "atproto-proxy", required = false) String proxy,
            @RequestParam String convoId,
            @RequestParam(required = false) String cursor,
            @RequestParam(defaultValue = "50") int limit) {
        ResponseEntity<Map<String, Object>> refused = chatRefusal(auth, proxy);
        if (refused != null) {
            return refused;
        }
        List<BlueskyState.ChatMessage> page =
                state.messages(session(auth), convoId, cursor, Math.min(100, Math.max(1, limit)));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("messages", page.stream().map(XrpcController::messageView).toList());
        if (!page.isEmpty()) {
            body.put("cursor", page.get(page.size() - 1).rev());
        }
        return ResponseEntity.ok().headers(rateHeaders()).body(body);
    }

    private ResponseEntity<Map<String, Object>> chatRefusal(String auth, String proxy) {
        String did = session(auth);
        if (did == null) {
            return error(401, "ExpiredToken", "Token has expired");
        }
        if (!CHAT_PROXY.equals(proxy)) {
            return error(400, "InvalidRequest", "chat.bsky methods need the atproto-proxy header " + CHAT_PROXY);
        }
        return limited(did);
    }

    private static Map<String, Object> messageView(BlueskyState.ChatMessage m) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("$type", "chat.bsky.convo.defs#messageView");
        view.put("id", m.messageId());
        view.put("rev", m.rev());
        view.put("text", m.text());
        view.put("sender", Map.of("did", m.senderDid()));
        view.put("sentAt", Timestamps.iso(m.sentAt()));
        return view;
    }

    /**
     * com.atproto.repo.createRecord for {@code app.bsky.feed.post} replies: {@code {"repo","collection","record":
     * {"$type","text","createdAt","reply":{"root":{"uri","cid"},"parent":{"uri","cid"}}}}}, repo = the session's
     * DID. The parent must be a known post and its cid must match (a strong ref); text at most 300 characters.
     * Answers {@code {"uri","cid"}}.
     */
    @PostMapping("/bluesky/xrpc/com.atproto.repo.createRecord")
    ResponseEntity<Map<String, Object>> createRecord(
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String auth,
            @RequestBody JsonNode body) {
        String did = session(auth);
        if (did == null) {
            return error(401, "ExpiredToken", "Token has expired");
        }
        ResponseEntity<Map<String, Object>> limited = limited(did);
        if (limited != null) {
            return limited;
        }
        if (!did.equals(body.path("repo").asString(""))
                || !"app.bsky.feed.post".equals(body.path("collection").asString(""))) {
            return error(400, "InvalidRequest", "repo must be the session's DID and collection app.bsky.feed.post");
        }
        JsonNode record = body.path("record");
        String text = record.path("text").asString("");
        if (!"app.bsky.feed.post".equals(record.path("$type").asString(""))
                || text.isBlank()
                || text.length() > 300
                || record.path("createdAt").asString("").isBlank()) {
            return error(400, "InvalidRecord", "record must be an app.bsky.feed.post with text (1-300) and createdAt");
        }
        JsonNode reply = record.path("reply");
        String parentUri = reply.path("parent").path("uri").asString("");
        String parentCid = reply.path("parent").path("cid").asString("");
        String rootUri = reply.path("root").path("uri").asString("");
        String rootCid = reply.path("root").path("cid").asString("");
        Optional<BlueskyState.Mention> parent = state.post(parentUri);
        if (parent.isEmpty() || !parent.get().cid().equals(parentCid) || rootUri.isBlank() || rootCid.isBlank()) {
            return error(
                    400,
                    "InvalidRecord",
                    "reply.parent and reply.root must be strong refs (uri + cid) of existing posts");
        }
        BlueskyState.Reply created = state.reply(did, text, rootUri, rootCid, parent.get());
        return ResponseEntity.ok()
                .headers(rateHeaders())
                .body(Map.of("uri", created.uri(), "cid", created.cid(), "validationStatus", "valid"));
    }

    @GetMapping("/bluesky/xrpc/app.bsky.notification.listNotifications")
    ResponseEntity<Map<String, Object>> listNotifications(
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String auth,
            @RequestParam(required = false) String cursor,
            @RequestParam(defaultValue = "50") int limit) {
        String did = session(auth);
        if (did == null) {
            return error(401, "ExpiredToken", "Token has expired");
        }
        ResponseEntity<Map<String, Object>> limited = limited(did);
        if (limited != null) {
            return limited;
        }
        List<BlueskyState.Mention> page = state.notifications(did, cursor, Math.min(100, Math.max(1, limit)));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put(
                "notifications",
                page.stream()
                        .map(m -> {
                            Map<String, Object> n = new LinkedHashMap<>();
                            n.put("uri", m.uri());
                            n.put("cid", m.cid());
                            n.put(
                                    "author",
                                    Map.of(
                                            "did",
                                            m.authorDid(),
                                            "handle",
                                            m.authorHandle(),
                                            "displayName",
                                            m.authorHandle()));
                            n.put("reason", "mention");
                            n.put(
                                    "record",
                                    Map.of(
                                            "$type",
                                            "app.bsky.feed.post",
                                            "text",
                                            m.text(),
                                            "createdAt",
                                            Timestamps.iso(m.createdAt())));
                            n.put("isRead", false);
                            n.put("indexedAt", Timestamps.iso(m.createdAt()));
                            return n;
                        })
                        .toList());
        if (!page.isEmpty()) {
            String last = page.get(page.size() - 1).uri();
            body.put("cursor", last.substring(last.lastIndexOf('/') + 1));
        }
        return ResponseEntity.ok().headers(rateHeaders()).body(body);
    }

    private String session(String auth) {
        Access access = auth == null || !auth.startsWith("Bearer ") ? null : sessions.get(auth.substring(7));
        String did = access == null || !clock.instant().isBefore(access.expiresAt()) ? null : access.did();
        return did == null || revoked.containsKey(did) ? null : did;
    }

    /** Counts the request of an account; a 429 with Bluesky's headers when the account is rate-limited. */
    private ResponseEntity<Map<String, Object>> limited(String did) {
        Long until = limitedUntil.get(did);
        long now = clock.instant().getEpochSecond();
        String handle = properties.accounts().stream()
                .filter(a -> a.did().equals(did))
                .map(BlueskyProperties.Account::handle)
                .findFirst()
                .orElse(did);
        if (until == null || now >= until) {
            requests.admitted("bluesky", handle, "account");
            return null;
        }
        // The limit is per account (did): every endpoint shares the window, reset in epoch seconds.
        requests.rateLimited("bluesky", handle, "account", Instant.ofEpochSecond(until));
        HttpHeaders headers = new HttpHeaders();
        headers.set("ratelimit-limit", "3000");
        headers.set("ratelimit-remaining", "0");
        headers.set("ratelimit-reset", Long.toString(until));
        return ResponseEntity.status(429)
                .headers(headers)
                .body(Map.of("error", "RateLimitExceeded", "message", "Rate Limit Exceeded"));
    }

    private HttpHeaders rateHeaders() {
        HttpHeaders headers = new HttpHeaders();
        headers.set("ratelimit-limit", "3000");
        headers.set("ratelimit-remaining", "2999");
        headers.set("ratelimit-reset", Long.toString(clock.instant().getEpochSecond() + 300));
        headers.set("ratelimit-policy", "3000;w=300");
        return headers;
    }

    private static ResponseEntity<Map<String, Object>> error(int status, String error, String message) {
        return ResponseEntity.status(status).body(Map.of("error", error, "message", message));
    }
}
