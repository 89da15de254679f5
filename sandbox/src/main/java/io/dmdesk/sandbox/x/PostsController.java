package io.dmdesk.sandbox.x;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * POST /2/tweets, as far as the product uses it: a reply to a citizen's post, {@code {"text",
 * "reply":{"in_reply_to_tweet_id"}}}, answered 201 with {@code {"data":{"id","text"}}}. Text at most 280
 * characters; the post answered must exist. Shows in {@code /control/replies} with channel {@code public}.
 */
@RestController
class PostsController {

    static final int MAX_POST_LENGTH = 280;

    private final XRequestGuard guard;
    private final XMentions mentions;
    private final XPublicReplies replies;
    private final JsonMapper mapper;

    PostsController(XRequestGuard guard, XMentions mentions, XPublicReplies replies, JsonMapper mapper) {
        this.guard = guard;
        this.mentions = mentions;
        this.replies = replies;
        this.mapper = mapper;
    }

    @PostMapping("/x/2/tweets")
    ResponseEntity<Map<String, Object>> post(
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
            @RequestBody(required = false) String body) {
        XRequestGuard.Caller caller = guard.admit(authorization, XRateLimiter.Endpoint.POSTS);
        HttpHeaders headers = caller.rateLimitHeaders();
        JsonNode json;
        try {
            json = body == null ? null : mapper.readTree(body);
        } catch (JacksonException e) {
            throw XApiException.invalidRequest(headers, "body", "", "The request body is not valid JSON");
        }
        JsonNode text = json == null ? null : json.get("text");
        if (text == null
                || !text.isString()
                || text.asString().isBlank()
                || text.asString().length() > MAX_POST_LENGTH) {
            throw XApiException.invalidRequest(
                    headers, "text", "", "`text` is required, at most " + MAX_POST_LENGTH + " characters");
        }
        String inReplyTo = json.path("reply").path("in_reply_to_tweet_id").asString("");
        Post post;
        try {
            post = mentions.find(Long.parseLong(inReplyTo)).orElse(null);
        } catch (NumberFormatException e) {
            post = null;
        }
        if (post == null) {
            throw XApiException.invalidRequest(
                    headers,
                    "reply.in_reply_to_tweet_id",
                    inReplyTo,
                    "The `reply.in_reply_to_tweet_id` query parameter value [" + inReplyTo + "] does not exist");
        }
        XPublicReplies.Reply reply = replies.reply(caller.account().id(), post, text.asString());
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("id", Long.toString(reply.id()));
        data.put("text", reply.text());
        return ResponseEntity.status(HttpStatus.CREATED).headers(headers).body(Map.of("data", data));
    }
}
