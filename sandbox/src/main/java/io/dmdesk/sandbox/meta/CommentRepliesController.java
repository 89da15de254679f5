package io.dmdesk.sandbox.meta;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * Public replies under citizens' comments with the page token: Facebook {@code POST /{version}/{comment-id}/comments},
 * Instagram {@code POST /{version}/{ig-comment-id}/replies}, {@code message} as a query parameter or in the JSON
 * body; the answer is {@code {"id"}}. {@code GET} on the same edges lists the replies ({@code data} with
 * {@code id}, {@code message} / {@code text}, {@code from.id}). An unknown comment is Graph's code 100.
 */
@RestController
class CommentRepliesController {

    private final MetaProperties properties;
    private final MetaMessages messages;
    private final MetaWebhooks faults;

    private final MetaTokens tokens;

    CommentRepliesController(MetaProperties properties, MetaMessages messages, MetaWebhooks faults, MetaTokens tokens) {
        this.tokens = tokens;
        this.properties = properties;
        this.messages = messages;
        this.faults = faults;
    }

    @PostMapping("/meta/{version}/{commentId}/{edge:comments|replies}")
    ResponseEntity<Map<String, Object>> reply(
            @PathVariable String version,
            @PathVariable String commentId,
            @PathVariable String edge,
            @RequestParam(name = "message", required = false) String message,
            @RequestParam(name = "access_token", required = false) String accessToken,
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
            @RequestBody(required = false) JsonNode body) {
        String platform = "replies".equals(edge) ? "instagram" : "facebook";
        MetaMessages.Message comment = messages.comment(platform, commentId).orElse(null);
        ResponseEntity<Map<String, Object>> refused = refuse(comment, accessToken, authorization);
        if (refused != null) {
            return refused;
        }
        String text = message != null
                ? message
                : body == null ? "" : body.path("message").asString("");
        if (text.isBlank() || text.length() > 2200) {
            return error(400, "(#100) Param message must be 1-2200 characters", 100);
        }
        return ResponseEntity.ok(
                Map.of("id", messages.commentReply(comment, text).id()));
    }

    @GetMapping("/meta/{version}/{commentId}/{edge:comments|replies}")
    ResponseEntity<Map<String, Object>> list(
            @PathVariable String version,
            @PathVariable String commentId,
            @PathVariable String edge,
            @RequestParam(name = "access_token", required = false) String accessToken,
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization) {
        String platform = "replies".equals(edge) ? "instagram" : "facebook";
        MetaMessages.Message comment = messages.comment(platform, commentId).orElse(null);
        ResponseEntity<Map<String, Object>> refused = refuse(comment, accessToken, authorization);
        if (refused != null) {
            return refused;
        }
        List<Map<String, Object>> data = messages.commentReplies(platform, commentId).stream()
                .map(m -> {
                    Map<String, Object> json = new LinkedHashMap<>();
                    json.put("id", m.id());
                    json.put("instagram".equals(platform) ? "text" : "message", m.text());
                    json.put("from", Map.of("id", m.ownerId()));
                    return json;
                })
                .toList();
        return ResponseEntity.ok(Map.of("data", data));
    }

    private ResponseEntity<Map<String, Object>> refuse(
            MetaMessages.Message comment, String accessToken, String authorization) {
        String token = accessToken != null
                ? accessToken
                : authorization != null && authorization.startsWith("Bearer ") ? authorization.substring(7) : null;
        if (comment == null) {
            return error(400, "(#100) Unsupported post request. Object does not exist or cannot be loaded", 100);
        }
        boolean tokenOk = properties.pages().stream()
                .anyMatch(p -> tokens.validPageToken(p, token)
                        && (p.pageId().equals(comment.ownerId())
                                || comment.ownerId().equals(p.instagramId())));
        if (!tokenOk || faults.pageTokenExpired) {
            Map<String, Object> error = new LinkedHashMap<>();
            error.put("message", "Error validating access token: Session has expired");
            error.put("type", "OAuthException");
            error.put("code", 190);
            error.put("error_subcode", 463);
            error.put("fbtrace_id", "sandbox");
            return ResponseEntity.status(400).body(Map.of("error", error));
        }
        return null;
    }

    private static ResponseEntity<Map<String, Object>> error(int status, String message, int code) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("message", message);
        error.put("type", "OAuthException");
        error.put("code", code);
        error.put("fbtrace_id", "sandbox");
        return ResponseEntity.status(status).body(Map.of("error", error));
    }
}
