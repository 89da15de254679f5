package io.dmdesk.sandbox.x;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** POST /2/dm_conversations/with/{participant_id}/messages: a monitored account sends a DM. */
@RestController
class SendMessageController {

    static final int MAX_TEXT_LENGTH = 10_000;

    private final XRequestGuard guard;
    private final XDirectMessages directMessages;
    private final JsonMapper mapper;

    SendMessageController(XRequestGuard guard, XDirectMessages directMessages, JsonMapper mapper) {
        this.guard = guard;
        this.directMessages = directMessages;
        this.mapper = mapper;
    }

    @PostMapping("/x/2/dm_conversations/with/{participantId}/messages")
    ResponseEntity<Map<String, Object>> send(
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
            @PathVariable String participantId,
            @RequestBody(required = false) String body) {
        XRequestGuard.Caller caller = guard.admit(authorization, XRateLimiter.Endpoint.SEND_MESSAGE);
        String text = text(body, caller.rateLimitHeaders());
        DmEvent event;
        try {
            event = directMessages.send(caller.account().id(), participantId, text);
        } catch (XDirectMessages.UnknownParticipant e) {
            throw XApiException.invalidRequest(
                    caller.rateLimitHeaders(), "participant_id", participantId, e.getMessage());
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("dm_conversation_id", event.conversationId());
        data.put("dm_event_id", Long.toString(event.id()));
        return ResponseEntity.status(HttpStatus.CREATED)
                .headers(caller.rateLimitHeaders())
                .body(Map.of("data", data));
    }

    private String text(String body, HttpHeaders headers) {
        JsonNode json;
        try {
            json = body == null ? null : mapper.readTree(body);
        } catch (JacksonException e) {
            throw XApiException.invalidRequest(headers, "body", "", "The request body is not valid JSON");
        }
        JsonNode text = json == null ? null : json.get("text");
        if (text == null || !text.isString() || text.asString().isBlank()) {
            throw XApiException.invalidRequest(headers, "text", "", "`text` is required and must not be blank");
        }
        if (text.asString().length() > MAX_TEXT_LENGTH) {
            throw XApiException.invalidRequest(
                    headers, "text", "", "`text` must be at most " + MAX_TEXT_LENGTH + " characters");
        }
        return text.asString();
    }
}
