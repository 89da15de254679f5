package io.dmdesk.sandbox.mastodon;

import io.dmdesk.sandbox.state.Timestamps;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;
import tools.jackson.databind.JsonNode;

/**
 * Mastodon REST API v1 at {@code /mastodon}: {@code GET /api/v1/notifications} (types[]=mention, limit <= 80,
 * max_id / since_id / min_id, Link header with rel="next" and rel="prev"), {@code POST /api/v1/statuses}
 * (Idempotency-Key honoured), {@code GET /api/v1/accounts/verify_credentials}.
 */
@RestController
class MastodonApiController {

    private final MastodonGuard guard;
    private final MastodonStatuses statuses;
    private final MastodonProperties properties;
    private final Map<String, Map<String, Object>> idempotent = new ConcurrentHashMap<>();

    MastodonApiController(MastodonGuard guard, MastodonStatuses statuses, MastodonProperties properties) {
        this.guard = guard;
        this.statuses = statuses;
        this.properties = properties;
    }

    @GetMapping("/mastodon/api/v1/notifications")
    ResponseEntity<List<Map<String, Object>>> notifications(
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
            @RequestParam MultiValueMap<String, String> params) {
        MastodonGuard.Caller caller = guard.admit(authorization);
        List<String> types = params.getOrDefault("types[]", List.of());
        int limit = Math.min(80, Math.max(1, limit(params.getFirst("limit"))));
        List<MastodonStatuses.Notification> page = types.isEmpty() || types.contains("mention")
                ? statuses.page(
                        caller.account().id(),
                        id(params, "max_id"),
                        id(params, "since_id"),
                        id(params, "min_id"),
                        limit)
                : List.of();
        HttpHeaders headers = new HttpHeaders();
        headers.addAll(caller.headers());
        if (!page.isEmpty()) {
            String base = "https://" + properties.domain() + "/api/v1/notifications";
            String next = UriComponentsBuilder.fromUriString(base)
                    .queryParam("max_id", page.get(page.size() - 1).id())
                    .queryParam("types[]", "mention")
                    .build()
                    .toUriString();
            String prev = UriComponentsBuilder.fromUriString(base)
                    .queryParam("min_id", page.get(0).id())
                    .queryParam("types[]", "mention")
                    .build()
                    .toUriString();
            headers.set("Link", "<" + next + ">; rel=\"next\", <" + prev + ">; rel=\"prev\"");
        }
        return ResponseEntity.ok()
                .headers(headers)
                .body(page.stream().map(this::render).toList());
    }

    @PostMapping("/mastodon/api/v1/statuses")
    ResponseEntity<Map<String, Object>> post(
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
            @RequestHeader(name = "Idempotency-Key", required = false) String key,
            @RequestBody JsonNode body) {
        MastodonGuard.Caller caller = guard.admit(authorization);
        String text = body.path("status").asString("");
        if (text.isBlank() || text.length() > 500) {
            throw new MastodonApiException(
                    HttpStatus.UNPROCESSABLE_CONTENT,
                    "Validation failed: Text can't be blank or over 500",
                    caller.headers());
        }
        MastodonProperties.Account a = caller.account();
        Supplier<Map<String, Object>> post = () -> status(statuses.reply(
                a.id(),
                a.username(),
                a.displayName(),
                MastodonHtml.render(text, properties.domain()),
                body.path("visibility").asString("public"),
                body.path("in_reply_to_id").asString(null)));
        // One status per key, also when two requests with the same key race (Mastodon locks the key too).
        Map<String, Object> json = key == null ? post.get() : idempotent.computeIfAbsent(a.id() + key, k -> post.get());
        return ResponseEntity.ok().headers(caller.headers()).body(json);
    }

    @GetMapping("/mastodon/api/v1/accounts/verify_credentials")
    ResponseEntity<Map<String, Object>> verify(
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization) {
        MastodonGuard.Caller caller = guard.admit(authorization);
        MastodonProperties.Account a = caller.account();
        return ResponseEntity.ok().headers(caller.headers()).body(account(a.id(), a.username(), a.displayName()));
    }

    @ExceptionHandler(MastodonApiException.class)
    ResponseEntity<Map<String, Object>> error(MastodonApiException e) {
        return ResponseEntity.status(e.status).headers(e.headers).body(Map.of("error", e.getMessage()));
    }

    private Map<String, Object> render(MastodonStatuses.Notification n) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", n.id());
        json.put("type", "mention");
        json.put("created_at", Timestamps.iso(n.status().createdAt()));
        json.put(
                "account",
                account(
                        n.status().accountId(),
                        n.status().username(),
                        n.status().displayName()));
        json.put("status", status(n.status()));
        return json;
    }

    private Map<String, Object> status(MastodonStatuses.Status s) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", s.id());
        json.put("created_at", Timestamps.iso(s.createdAt()));
        json.put("in_reply_to_id", s.inReplyToId());
        json.put("sensitive", false);
        json.put("spoiler_text", "");
        json.put("visibility", s.visibility());
        json.put("language", "en");
        json.put("uri", "https://" + properties.domain() + "/users/" + s.username() + "/statuses/" + s.id());
        json.put("url", "https://" + properties.domain() + "/@" + s.username() + "/" + s.id());
        json.put("content", s.content());
        json.put("account", account(s.accountId(), s.username(), s.displayName()));
        json.put("media_attachments", List.of());
        json.put("mentions", List.of());
        return json;
    }

    private Map<String, Object> account(String id, String username, String displayName) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", id);
        json.put("username", username);
        json.put("acct", username);
        json.put("display_name", displayName);
        json.put("url", "https://" + properties.domain() + "/@" + username);
        return json;
    }

    private static int limit(String raw) {
        try {
            return raw == null ? 40 : Integer.parseInt(raw);
        } catch (NumberFormatException e) {
            return 40;
        }
    }

    private static Long id(MultiValueMap<String, String> params, String name) {
        String raw = params.getFirst(name);
        try {
            return raw == null || raw.isBlank() ? null : Long.parseLong(raw);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
