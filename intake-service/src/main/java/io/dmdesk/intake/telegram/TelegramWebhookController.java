package io.dmdesk.intake.telegram;

import io.dmdesk.contracts.InboundMessage;
import io.dmdesk.contracts.Platform;
import io.dmdesk.intake.publish.InboundPublisher;
import io.dmdesk.intake.webhook.Hmac;
import io.dmdesk.intake.webhook.WebhookBody;
import io.dmdesk.intake.webhook.WebhookProperties;
import io.dmdesk.intake.webhook.WebhookRejections;
import io.dmdesk.support.accounts.AccountsProperties;
import io.dmdesk.support.accounts.AccountsProperties.Account;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Telegram webhook for bots in webhook mode: {@code POST /webhooks/telegram/{account id}} with the
 * {@code X-Telegram-Bot-Api-Secret-Token} given to setWebhook. Telegram signs nothing, so the secret token,
 * compared in constant time, is the only proof of origin. 200 only after Kafka acknowledged; otherwise Telegram
 * retries the update (it has no reconciling pull while a webhook is set).
 */
@RestController
class TelegramWebhookController {

    static final String SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token";

    private final AccountsProperties accounts;
    private final TelegramProperties telegram;
    private final WebhookProperties webhooks;
    private final WebhookRejections rejections;
    private final InboundPublisher intake;
    private final JsonMapper json;
    private final Clock clock;

    TelegramWebhookController(
            AccountsProperties accounts,
            TelegramProperties telegram,
            WebhookProperties webhooks,
            WebhookRejections rejections,
            InboundPublisher intake,
            JsonMapper json,
            Clock clock) {
        this.accounts = accounts;
        this.telegram = telegram;
        this.webhooks = webhooks;
        this.rejections = rejections;
        this.intake = intake;
        this.json = json;
        this.clock = clock;
    }

    @PostMapping("/webhooks/telegram/{accountId}")
    Mono<ResponseEntity<Map<String, Object>>> receive(
            @PathVariable String accountId,
            @RequestHeader(name = SECRET_HEADER, required = false) String secret,
            ServerHttpRequest request) {
        return WebhookBody.read(request.getBody(), webhooks.maxBodyBytes())
                .publishOn(Schedulers.boundedElastic())
                .map(body -> handle(accountId, secret, body))
                .onErrorResume(WebhookBody.TooLarge.class, e -> {
                    rejections.reject("telegram", "too_large");
                    return Mono.just(
                            ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).build());
                });
    }

    private ResponseEntity<Map<String, Object>> handle(String accountId, String secret, byte[] body) {
        if (secret == null || secret.isBlank()) {
            rejections.reject("telegram", "missing_signature");
            return ResponseEntity.status(HttpStatus.UNAUTHORIZED).build();
        }
        Optional<Account> account =
                accounts.byId(accountId).filter(a -> a.platform() == Platform.TELEGRAM && telegram.webhookMode(a.id()));
        // Unknown account and wrong token look the same to the caller: nothing to learn about our accounts.
        if (account.isEmpty() || !Hmac.same(telegram.webhookSecretTokens().get(accountId), secret)) {
            rejections.reject("telegram", "bad_signature");
            return ResponseEntity.status(HttpStatus.FORBIDDEN).build();
        }
        JsonNode update;
        try {
            update = json.readTree(body);
        } catch (JacksonException e) {
            update = null;
        }
        if (update == null || !update.isObject() || !update.has("update_id")) {
            rejections.reject("telegram", "malformed_json");
            return ResponseEntity.badRequest().build();
        }
        Optional<InboundMessage> message = TelegramMessages.normalise(account.get(), update, clock);
        if (message.isEmpty()) {
            rejections.ignored("telegram", TelegramMessages.type(update).replaceAll("[^a-z_]", ""));
            return ResponseEntity.ok(Map.of("published", 0, "ignored", 1));
        }
        boolean published = intake.accept(message.get());
        return ResponseEntity.ok(Map.of("published", published ? 1 : 0, "duplicates", published ? 0 : 1));
    }
}
