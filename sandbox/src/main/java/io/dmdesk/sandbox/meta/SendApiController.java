package io.dmdesk.sandbox.meta;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * The Send API, {@code POST /{version}/{id}/messages} with the page token, for Messenger (id = the page) and
 * Instagram (id = the page or the Instagram account): {@code recipient.id}, {@code message.text} (at most
 * 2000 characters) and {@code messaging_type}. RESPONSE is allowed within 24 h of the citizen's last message,
 * MESSAGE_TAG with {@code tag: HUMAN_AGENT} within 7 days; outside the window Graph answers 400 code 10,
 * subcode 2018278. A recipient who never wrote is code 100, subcode 2018001. The answer is
 * {@code {"recipient_id","message_id"}}; the message shows in {@code /control/replies}.
 */
@RestController
class SendApiController {

    private static final Duration RESPONSE_WINDOW = Duration.ofHours(24);
    private static final Duration HUMAN_AGENT_WINDOW = Duration.ofDays(7);

    private final MetaProperties properties;
    private final MetaMessages messages;
    private final MetaWebhooks faults;
    private final Clock clock;

    private final MetaTokens tokens;

    SendApiController(
            MetaProperties properties, MetaMessages messages, MetaWebhooks faults, Clock clock, MetaTokens tokens) {
        this.tokens = tokens;
        this.properties = properties;
        this.messages = messages;
        this.faults = faults;
        this.clock = clock;
    }

    @PostMapping("/meta/{version}/{id}/messages")
    ResponseEntity<Map<String, Object>> send(
            @PathVariable String version,
            @PathVariable String id,
            @RequestParam(name = "access_token", required = false) String accessToken,
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
            @RequestBody JsonNode body) {
        String token = accessToken != null
                ? accessToken
                : authorization != null && authorization.startsWith("Bearer ") ? authorization.substring(7) : null;
        MetaProperties.Page page = properties.pages().stream()
                .filter(p -> p.pageId().equals(id) || id.equals(p.instagramId()))
                .findFirst()
                .orElse(null);
        if (page == null || !tokens.validPageToken(page, token) || faults.pageTokenExpired) {
            return error(400, "Error validating access token: Session has expired", "OAuthException", 190, 463);
        }
        String recipient = body.path("recipient").path("id").asString("");
        String text = body.path("message").path("text").asString("");
        String type = body.path("messaging_type").asString("");
        if (recipient.isBlank() || text.isBlank() || text.length() > 2000) {
            return error(
                    400,
                    "(#100) Param message[text] must be 1-2000 characters and recipient[id] is required",
                    "OAuthException",
                    100,
                    null);
        }
        // The page id reaches Messenger users and the linked Instagram account's users; the Instagram id only those.
        Optional<MetaMessages.Message> last = Optional.empty();
        String platform = "instagram";
        if (id.equals(page.pageId())) {
            last = messages.lastFrom("messenger", page.pageId(), recipient);
            platform = "messenger";
        }
        if (last.isEmpty()) {
            last = messages.lastFrom("instagram", page.instagramId(), recipient);
            platform = "instagram";
        }
        if (last.isEmpty()) {
            return error(400, "(#100) No matching user found", "OAuthException", 100, 2018001);
        }
        Duration since = Duration.between(last.get().createdAt(), clock.instant());
        boolean allowed = switch (type) {
            case "RESPONSE" -> since.compareTo(RESPONSE_WINDOW) <= 0;
            case "MESSAGE_TAG" -> {
                if (!"HUMAN_AGENT".equals(body.path("tag").asString(""))) {
                    yield false;
                }
                yield since.compareTo(HUMAN_AGENT_WINDOW) <= 0;
            }
            case "UPDATE" -> since.compareTo(RESPONSE_WINDOW) <= 0;
            default -> {
                yield false;
            }
        };
        if (!allowed) {
            if (!"RESPONSE".equals(type) && !"UPDATE".equals(type) && !"MESSAGE_TAG".equals(type)) {
                return error(
                        400,
                        "(#100) Param messaging_type must be one of RESPONSE, UPDATE, MESSAGE_TAG",
                        "OAuthException",
                        100,
                        null);
            }
            return error(400, "(#10) This message is sent outside of allowed window.", "OAuthException", 10, 2018278);
        }
        String ownerId = "instagram".equals(platform) ? page.instagramId() : page.pageId();
        MetaMessages.Message sent =
                messages.sent(platform, ownerId, recipient, last.get().senderName(), text);
        return ResponseEntity.ok(Map.of("recipient_id", recipient, "message_id", sent.id()));
    }

    private static ResponseEntity<Map<String, Object>> error(
            int status, String message, String type, int code, Integer subcode) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("message", message);
        error.put("type", type);
        error.put("code", code);
        if (subcode != null) {
            error.put("error_subcode", subcode);
        }
        error.put("fbtrace_id", "sandbox");
        return ResponseEntity.status(status).body(Map.of("error", error));
    }
}
