package io.dmdesk.sandbox.x;

import io.dmdesk.sandbox.state.Timestamps;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * GET /2/users/:id/mentions: posts mentioning the user, newest first; {@code since_id} (exclusive),
 * {@code start_time}, {@code max_results} 5..100 (default 10), {@code pagination_token}; {@code meta} carries
 * {@code newest_id}, {@code oldest_id}, {@code result_count} and {@code next_token}.
 */
@RestController
class MentionsController {

    private static final Set<String> PARAMETERS = Set.of(
            "since_id",
            "until_id",
            "start_time",
            "end_time",
            "max_results",
            "pagination_token",
            "tweet.fields",
            "expansions",
            "user.fields",
            "media.fields",
            "place.fields",
            "poll.fields",
            "exclude");
    private static final String TOKEN_PREFIX = "mn";

    private final XRequestGuard guard;
    private final XMentions mentions;
    private final XDirectMessages users;
    private final XFaults faults;

    MentionsController(XRequestGuard guard, XMentions mentions, XDirectMessages users, XFaults faults) {
        this.guard = guard;
        this.mentions = mentions;
        this.users = users;
        this.faults = faults;
    }

    @GetMapping("/x/2/users/{id}/mentions")
    ResponseEntity<Map<String, Object>> mentions(
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
            @PathVariable String id,
            @RequestParam MultiValueMap<String, String> params) {
        XRequestGuard.Caller caller = guard.admit(authorization, XRateLimiter.Endpoint.MENTIONS);
        HttpHeaders headers = caller.rateLimitHeaders();
        for (String name : params.keySet()) {
            if (!PARAMETERS.contains(name)) {
                throw XApiException.invalidRequest(
                        headers,
                        name,
                        params.getFirst(name),
                        "The query parameter [" + name + "] is not one of " + PARAMETERS);
            }
        }
        XMentions.Page page = mentions.page(
                id,
                id(params, "since_id", headers),
                untilId(params, headers),
                startTime(params.getFirst("start_time"), headers),
                maxResults(params.getFirst("max_results"), headers));
        Set<String> fields = fields(params.getFirst("tweet.fields"));
        return ResponseEntity.ok().headers(headers).body(body(page, fields, params.getFirst("expansions")));
    }

    private Map<String, Object> body(XMentions.Page page, Set<String> fields, String expansions) {
        Map<String, Object> body = new LinkedHashMap<>();
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("result_count", page.posts().size());
        if (!page.posts().isEmpty()) {
            List<Post> served = faults.outOfOrder() ? XFaults.shuffled(page.posts()) : page.posts();
            body.put("data", served.stream().map(post -> render(post, fields)).toList());
            if (expansions != null && List.of(expansions.split(",")).contains("author_id")) {
                Set<String> authors = new LinkedHashSet<>();
                page.posts().forEach(post -> authors.add(post.authorId()));
                body.put(
                        "includes",
                        Map.of(
                                "users",
                                authors.stream()
                                        .flatMap(a -> users.user(a).stream())
                                        .map(u -> Map.of("id", u.id(), "name", u.name(), "username", u.username()))
                                        .toList()));
            }
            meta.put("newest_id", Long.toString(page.posts().get(0).id()));
            meta.put(
                    "oldest_id",
                    Long.toString(page.posts().get(page.posts().size() - 1).id()));
            if (page.more()) {
                meta.put(
                        "next_token",
                        TOKEN_PREFIX
                                + Long.toString(
                                                page.posts()
                                                        .get(page.posts().size() - 1)
                                                        .id(),
                                                36)
                                        .toUpperCase(Locale.ROOT));
            }
        }
        body.put("meta", meta);
        return body;
    }

    /** X's default post fields are id and text (plus edit_history_tweet_ids); others only when asked. */
    private static Map<String, Object> render(Post post, Set<String> fields) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", Long.toString(post.id()));
        json.put("text", post.text());
        json.put("edit_history_tweet_ids", List.of(Long.toString(post.id())));
        if (fields.contains("author_id")) {
            json.put("author_id", post.authorId());
        }
        if (fields.contains("created_at")) {
            json.put("created_at", Timestamps.iso(post.createdAt()));
        }
        if (fields.contains("conversation_id")) {
            json.put("conversation_id", Long.toString(post.id()));
        }
        return json;
    }

    private static Set<String> fields(String raw) {
        return raw == null ? Set.of() : Set.of(raw.split(","));
    }

    private static Long untilId(MultiValueMap<String, String> params, HttpHeaders headers) {
        String token = params.getFirst("pagination_token");
        if (token == null) {
            return id(params, "until_id", headers);
        }
        if (token.startsWith(TOKEN_PREFIX)) {
            try {
                return Long.parseLong(token.substring(TOKEN_PREFIX.length()), 36);
            } catch (NumberFormatException e) {
                // reported below
            }
        }
        throw XApiException.invalidRequest(
                headers,
                "pagination_token",
                token,
                "The `pagination_token` query parameter value [" + token + "] is not valid");
    }

    private static Long id(MultiValueMap<String, String> params, String name, HttpHeaders headers) {
        String raw = params.getFirst(name);
        if (raw == null) {
            return null;
        }
        try {
            return Long.parseLong(raw);
        } catch (NumberFormatException e) {
            throw XApiException.invalidRequest(
                    headers,
                    name,
                    raw,
                    "The `" + name + "` query parameter value [" + raw + "] does not match ^[0-9]{1,19}$");
        }
    }

    private static Instant startTime(String raw, HttpHeaders headers) {
        try {
            return raw == null ? null : Instant.parse(raw);
        } catch (DateTimeParseException e) {
            throw XApiException.invalidRequest(headers, "start_time", raw, "Invalid start_time, expected ISO 8601");
        }
    }

    private static int maxResults(String raw, HttpHeaders headers) {
        if (raw == null) {
            return 10;
        }
        try {
            int value = Integer.parseInt(raw.trim());
            if (value >= 5 && value <= 100) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw XApiException.invalidRequest(
                headers,
                "max_results",
                raw,
                "The `max_results` query parameter value [" + raw + "] is not between 5 and 100");
    }
}
