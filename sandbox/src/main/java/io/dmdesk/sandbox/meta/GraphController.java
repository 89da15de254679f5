package io.dmdesk.sandbox.meta;

import io.dmdesk.sandbox.faults.RateLimitAnswer;
import io.dmdesk.sandbox.faults.RequestLog;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Graph API {@code GET /{version}/{page-id}/conversations?platform=messenger|instagram}, with each conversation's
 * messages inlined (what {@code fields=messages{...}} asks for), newest conversation first; Graph timestamps
 * ({@code 2026-11-24T23:00:00+0000}). Usage in {@code X-Business-Use-Case-Usage}; an invalid page token is
 * Graph's OAuthException code 190.
 */
@RestController
class GraphController {

    private static final DateTimeFormatter GRAPH_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssZ").withZone(ZoneOffset.UTC);

    private final MetaProperties properties;
    private final MetaMessages messages;
    private final MetaWebhooks faults;
    private final RequestLog requests;
    private final MetaTokens tokens;

    GraphController(
            MetaProperties properties,
            MetaMessages messages,
            MetaWebhooks faults,
            RequestLog requests,
            MetaTokens tokens) {
        this.tokens = tokens;
        this.properties = properties;
        this.messages = messages;
        this.faults = faults;
        this.requests = requests;
    }

    @GetMapping("/meta/{version}/{pageId}/conversations")
    ResponseEntity<Map<String, Object>> conversations(
            @PathVariable String version,
            @PathVariable String pageId,
            @RequestParam(defaultValue = "messenger") String platform,
            @RequestParam(name = "user_id", required = false) String userId,
            @RequestParam(name = "access_token", required = false) String accessToken,
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization) {
        String token = accessToken != null
                ? accessToken
                : authorization != null && authorization.startsWith("Bearer ") ? authorization.substring(7) : null;
        MetaProperties.Page page = properties.pages().stream()
                .filter(p -> p.pageId().equals(pageId))
                .findFirst()
                .orElse(null);
        if (page == null || !tokens.validPageToken(page, token) || faults.pageTokenExpired) {
            if (page != null) {
                requests.rejected("meta", page.pageId(), "page");
            }
            return ResponseEntity.status(400)
                    .body(Map.of(
                            "error",
                            Map.of(
                                    "message",
                                    "Error validating access token: Session has expired",
                                    "type",
                                    "OAuthException",
                                    "code",
                                    190,
                                    "error_subcode",
                                    463,
                                    "fbtrace_id",
                                    "sandbox")));
        }
        ResponseEntity<Map<String, Object>> throttled = throttled(page);
        if (throttled != null) {
            return throttled;
        }
        requests.admitted("meta", page.pageId(), "page");
        String owner = "instagram".equals(platform) ? page.instagramId() : page.pageId();
        // A conversation per citizen: what they wrote and what the page (or Instagram account) sent them.
        Map<String, List<MetaMessages.Message>> bySender = messages.conversationMessages(platform, owner).stream()
                .filter(m -> userId == null || userId.equals(citizen(m)))
                .collect(Collectors.groupingBy(GraphController::citizen, LinkedHashMap::new, Collectors.toList()));
        List<Map<String, Object>> data = bySender.values().stream()
                .sorted(Comparator.comparing((List<MetaMessages.Message> l) ->
                                l.get(l.size() - 1).createdAt())
                        .reversed())
                .map(list -> {
                    MetaMessages.Message last = list.get(list.size() - 1);
                    Map<String, Object> conversation = new LinkedHashMap<>();
                    conversation.put("id", "t_" + citizen(last));
                    conversation.put("updated_time", GRAPH_TIME.format(last.createdAt()));
                    conversation.put(
                            "messages",
                            Map.of(
                                    "data",
                                    newestFirst(list).stream()
                                            .limit(25)
                                            .map(m -> {
                                                Map<String, Object> json = new LinkedHashMap<>();
                                                json.put("id", m.id());
                                                json.put("created_time", GRAPH_TIME.format(m.createdAt()));
                                                json.put(
                                                        "from",
                                                        "sent".equals(m.kind())
                                                                ? Map.of("id", m.ownerId())
                                                                : Map.of("id", m.senderId(), "name", m.senderName()));
                                                json.put(
                                                        "to",
                                                        Map.of(
                                                                "data",
                                                                List.of(Map.of(
                                                                        "id",
                                                                        "sent".equals(m.kind())
                                                                                ? m.recipientId()
                                                                                : m.ownerId()))));
                                                json.put("message", m.text());
                                                return json;
                                            })
                                            .toList()));
                    return conversation;
                })
                .toList();
        HttpHeaders headers = new HttpHeaders();
        headers.set(
                "X-Business-Use-Case-Usage",
                "{\"" + pageId + "\":[{\"type\":\"pages\",\"call_count\":1,"
                        + "\"total_cputime\":1,\"total_time\":1,\"estimated_time_to_regain_access\":0}]}");
        return ResponseEntity.ok().headers(headers).body(Map.of("data", data));
    }

    /**
     * {@code GET /{version}/{page-id}/feed} with the {@code comments} edge expanded: the page's posts (newest first)
     * with their comments ({@code id, created_time, from{id,name}, message}), as {@code fields=comments{...}} asks.
     */
    @GetMapping("/meta/{version}/{pageId}/feed")
    ResponseEntity<Map<String, Object>> feed(
            @PathVariable String version,
            @PathVariable String pageId,
            @RequestParam(name = "access_token", required = false) String accessToken,
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization) {
        MetaProperties.Page page = properties.pages().stream()
                .filter(p -> p.pageId().equals(pageId))
                .findFirst()
                .orElse(null);
        if (!valid(page, accessToken, authorization)) {
            return expired();
        }
        ResponseEntity<Map<String, Object>> throttled = throttled(page);
        if (throttled != null) {
            return throttled;
        }
        requests.admitted("meta", page.pageId(), "page");
        return withComments(pageId, messages.comments("facebook", pageId), "created_time", false);
    }

    /**
     * {@code GET /{version}/{ig-user-id}/media} with the {@code comments} edge expanded: the account's media with
     * their comments ({@code id, timestamp, text, username, from{id,username}}). Page token of the linked page.
     */
    @GetMapping("/meta/{version}/{igUserId}/media")
    ResponseEntity<Map<String, Object>> media(
            @PathVariable String version,
            @PathVariable String igUserId,
            @RequestParam(name = "access_token", required = false) String accessToken,
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization) {
        MetaProperties.Page page = properties.pages().stream()
                .filter(p -> igUserId.equals(p.instagramId()))
                .findFirst()
                .orElse(null);
        if (!valid(page, accessToken, authorization)) {
            return expired();
        }
        ResponseEntity<Map<String, Object>> throttled = throttled(page);
        if (throttled != null) {
            return throttled;
        }
        requests.admitted("meta", page.pageId(), "page");
        return withComments(page.pageId(), messages.comments("instagram", igUserId), "timestamp", true);
    }

    private ResponseEntity<Map<String, Object>> withComments(
            String pageId, List<MetaMessages.Message> comments, String timeField, boolean instagram) {
        Map<String, List<MetaMessages.Message>> byPost = comments.stream()
                .collect(Collectors.groupingBy(MetaMessages.Message::postId, LinkedHashMap::new, Collectors.toList()));
        List<Map<String, Object>> data = byPost.entrySet().stream()
                .map(e -> {
                    Map<String, Object> post = new LinkedHashMap<>();
                    post.put("id", e.getKey());
                    post.put(timeField, GRAPH_TIME.format(e.getValue().get(0).createdAt()));
                    post.put(
                            "comments",
                            Map.of(
                                    "data",
                                    newestFirst(e.getValue()).stream()
                                            .map(m -> {
                                                Map<String, Object> c = new LinkedHashMap<>();
                                                c.put("id", m.id());
                                                c.put(timeField, GRAPH_TIME.format(m.createdAt()));
                                                if (instagram) {
                                                    c.put("text", m.text());
                                                    c.put("username", m.senderName());
                                                    c.put(
                                                            "from",
                                                            Map.of("id", m.senderId(), "username", m.senderName()));
                                                } else {
                                                    c.put("message", m.text());
                                                    c.put("from", Map.of("id", m.senderId(), "name", m.senderName()));
                                                }
                                                return c;
                                            })
                                            .toList()));
                    return post;
                })
                .toList();
        return ResponseEntity.ok().headers(usage(pageId)).body(Map.of("data", data));
    }

    /** Checks the page token; records the read in the request log under the page id (admitted or rejected). */
    private boolean valid(MetaProperties.Page page, String accessToken, String authorization) {
        String token = accessToken != null
                ? accessToken
                : authorization != null && authorization.startsWith("Bearer ") ? authorization.substring(7) : null;
        boolean valid = page != null && tokens.validPageToken(page, token) && !faults.pageTokenExpired;
        if (page != null && !valid) {
            requests.rejected("meta", page.pageId(), "page");
        }
        return valid;
    }

    /**
     * The {@code rate-limit} fault on this page: Graph's page-level throttling answer (code 32, usage at 100 %,
     * regain in whole minutes), logged with the regain time; null when the page is not throttled.
     */
    private ResponseEntity<Map<String, Object>> throttled(MetaProperties.Page page) {
        Instant until = faults.readsThrottledUntil.get(page.pageId());
        Instant now = faults.now();
        if (until == null || !now.isBefore(until)) {
            return null;
        }
        long seconds = Math.max(1, (Duration.between(now, until).toMillis() + 999) / 1000);
        long minutes = Math.max(1, (seconds + 59) / 60);
        requests.rateLimited("meta", page.pageId(), "page", now.plusSeconds(minutes * 60));
        RateLimitAnswer answer = RateLimitAnswer.graphRead(page.pageId(), minutes);
        return ResponseEntity.status(answer.status())
                .headers(answer.headers())
                .body(Map.of(
                        "error",
                        Map.of(
                                "message",
                                "(#32) Page request limit reached",
                                "type",
                                "OAuthException",
                                "code",
                                32,
                                "fbtrace_id",
                                "sandbox")));
    }

    private static ResponseEntity<Map<String, Object>> expired() {
        return ResponseEntity.status(400)
                .body(Map.of(
                        "error",
                        Map.of(
                                "message",
                                "Error validating access token: Session has expired",
                                "type",
                                "OAuthException",
                                "code",
                                190,
                                "error_subcode",
                                463,
                                "fbtrace_id",
                                "sandbox")));
    }

    private static HttpHeaders usage(String pageId) {
        HttpHeaders headers = new HttpHeaders();
        headers.set(
                "X-Business-Use-Case-Usage",
                "{\"" + pageId + "\":[{\"type\":\"pages\",\"call_count\":1,"
                        + "\"total_cputime\":1,\"total_time\":1,\"estimated_time_to_regain_access\":0}]}");
        return headers;
    }

    private static String citizen(MetaMessages.Message m) {
        return "sent".equals(m.kind()) ? m.recipientId() : m.senderId();
    }

    private static List<MetaMessages.Message> newestFirst(List<MetaMessages.Message> list) {
        List<MetaMessages.Message> copy = new ArrayList<>(list);
        Collections.reverse(copy);
        return copy;
    }
}
