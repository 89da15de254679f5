package io.dmdesk.sandbox.telegram;

import io.dmdesk.sandbox.faults.RequestLog;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The Telegram Bot API methods the product uses, at {@code /telegram/bot<token>/<method>}: getUpdates (long
 * polling, offset confirmation; 409 while a webhook is set), sendMessage, setWebhook / deleteWebhook.
 */
@RestController
class BotApiController {

    /** The sandbox caps long polls so tests and shutdowns never wait long. */
    private static final long MAX_LONG_POLL_SECONDS = 5;

    private final TelegramBots bots;
    private final TelegramUpdates updates;

    private final RequestLog requests;
    private final Clock clock;

    private final TelegramWebhookDelivery delivery;

    BotApiController(
            TelegramBots bots,
            TelegramUpdates updates,
            RequestLog requests,
            Clock clock,
            TelegramWebhookDelivery delivery) {
        this.delivery = delivery;
        this.bots = bots;
        this.updates = updates;
        this.requests = requests;
        this.clock = clock;
    }

    @GetMapping("/telegram/bot{token}/getUpdates")
    Mono<Map<String, Object>> getUpdates(
            @PathVariable String token,
            @RequestParam(required = false) Long offset,
            @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) Long timeout,
            @RequestParam(name = "allowed_updates", required = false) String allowedUpdates) {
        TelegramProperties.Bot bot = admit(token);
        if (bots.webhook(bot.id()).isPresent()) {
            throw TelegramApiException.webhookActive();
        }
        int max = limit == null ? 100 : limit;
        if (max < 1 || max > 100) {
            throw TelegramApiException.badRequest("limit must be between 1 and 100");
        }
        long wait = Math.min(timeout == null ? 0 : Math.max(0, timeout), MAX_LONG_POLL_SECONDS);
        List<ObjectNode> now = updates.updates(bot.id(), offset, max);
        if (!now.isEmpty() || wait == 0) {
            return Mono.just(ok(now));
        }
        // Long polling: answer as soon as something arrives, or empty when the timeout is over.
        return Flux.interval(Duration.ofMillis(50))
                .map(tick -> updates.updates(bot.id(), offset, max))
                .filter(list -> !list.isEmpty())
                .next()
                .timeout(Duration.ofSeconds(wait), Mono.just(List.of()))
                .map(BotApiController::ok);
    }

    @PostMapping("/telegram/bot{token}/sendMessage")
    Map<String, Object> sendMessage(@PathVariable String token, @RequestBody JsonNode body) {
        TelegramProperties.Bot bot = admit(token);
        JsonNode chatId = body.get("chat_id");
        String text = body.path("text").asString("");
        if (chatId == null || text.isBlank()) {
            throw TelegramApiException.badRequest(chatId == null ? "chat_id is empty" : "message text is empty");
        }
        if (text.length() > 4096) {
            throw TelegramApiException.badRequest("message is too long");
        }
        long id = chatId.asLong();
        if (id > 0 && bots.blocked(bot)) {
            throw TelegramApiException.blockedByUser();
        }
        Map<String, Object> chat = new LinkedHashMap<>();
        chat.put("id", id);
        chat.put("type", id > 0 ? "private" : "group");
        // reply_parameters.message_id (Bot API 7.0+) or the older reply_to_message_id: the answer quotes that message.
        long replyTo = body.path("reply_parameters")
                .path("message_id")
                .asLong(body.path("reply_to_message_id").asLong(0));
        Map<String, Object> message =
                updates.send(bot.id(), TelegramPlatformSimulator.botUser(bot), chat, text, replyTo);
        return Map.of("ok", true, "result", message);
    }

    /**
     * getWebhookInfo: {@code url} (empty without a webhook), {@code pending_update_count}, and after a failed
     * delivery {@code last_error_date} (Unix time) and {@code last_error_message}, as the Bot API documents.
     */
    @RequestMapping(
            value = "/telegram/bot{token}/getWebhookInfo",
            method = {RequestMethod.GET, RequestMethod.POST})
    Map<String, Object> getWebhookInfo(@PathVariable String token) {
        TelegramProperties.Bot bot = admit(token);
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("url", bots.webhook(bot.id()).map(TelegramBots.Webhook::url).orElse(""));
        info.put("has_custom_certificate", false);
        info.put("pending_update_count", updates.pending(bot.id()));
        TelegramWebhookDelivery.LastError error = delivery.lastErrors.get(bot.id());
        if (error != null) {
            info.put("last_error_date", error.epochSecond());
            info.put("last_error_message", error.message());
        }
        info.put("max_connections", 40);
        return Map.of("ok", true, "result", info);
    }

    @PostMapping("/telegram/bot{token}/setWebhook")
    Map<String, Object> setWebhook(@PathVariable String token, @RequestBody JsonNode body) {
        TelegramProperties.Bot bot = admit(token);
        String secret = body.path("secret_token").asString(null);
        if (secret != null && !secret.matches("[A-Za-z0-9_-]{1,256}")) {
            throw TelegramApiException.badRequest("secret token contains unallowed characters");
        }
        bots.setWebhook(bot, body.path("url").asString(""), secret);
        return Map.of("ok", true, "result", true, "description", "Webhook was set");
    }

    @PostMapping("/telegram/bot{token}/deleteWebhook")
    Map<String, Object> deleteWebhook(@PathVariable String token) {
        bots.setWebhook(admit(token), null, null);
        return Map.of("ok", true, "result", true, "description", "Webhook was deleted");
    }

    @ExceptionHandler(TelegramApiException.class)
    ResponseEntity<Map<String, Object>> error(TelegramApiException e) {
        return ResponseEntity.status(e.status()).body(e.body());
    }

    private TelegramProperties.Bot admit(String token) {
        TelegramProperties.Bot bot = bots.byToken(token).orElseThrow(TelegramApiException::unauthorized);
        if (bots.expired(bot)) {
            requests.rejected("telegram", bot.username(), "account");
            throw TelegramApiException.unauthorized();
        }
        long retryAfter = bots.retryAfter(bot);
        if (retryAfter > 0) {
            // Telegram's flood limit is per bot; the window ends retry_after seconds after this answer.
            requests.rateLimited(
                    "telegram", bot.username(), "account", clock.instant().plusSeconds(retryAfter));
            throw TelegramApiException.tooManyRequests(retryAfter);
        }
        requests.admitted("telegram", bot.username(), "account");
        return bot;
    }

    private static Map<String, Object> ok(List<ObjectNode> result) {
        return Map.of("ok", true, "result", result);
    }
}
