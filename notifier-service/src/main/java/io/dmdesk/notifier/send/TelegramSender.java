package io.dmdesk.notifier.send;

import io.dmdesk.contracts.Platform;
import io.dmdesk.support.accounts.AccountsProperties;
import io.dmdesk.support.accounts.AccountsProperties.Account;
import io.dmdesk.support.errors.DependencyUnavailableException;
import io.dmdesk.support.platform.AccountState;
import io.dmdesk.support.platform.RateLimits;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientResponseException;

/**
 * Telegram Bot API {@code sendMessage} to the private chat the report came from (chat id = conversation id).
 * A 429 carries {@code parameters.retry_after}: until then this bot sends nothing (the intent waits in Kafka
 * and is retried), so a limit is ridden out instead of hammered. 403 (the citizen blocked the bot, or never
 * started it) means this person cannot be written to here. The token is part of every URL: no exception
 * raised by WebClient is ever kept or logged.
 *
 * <p>The Bot API cannot list what a bot sent, so {@link #findSent} cannot settle an unknown outcome; the
 * dispatcher then sends again (a possible duplicate rather than silence).
 */
@Component
class TelegramSender implements PlatformSender {

    private final WebClient http;
    private final SenderHealth health;
    private final Clock clock;
    private final Map<String, Instant> limitedUntil = new ConcurrentHashMap<>();

    TelegramSender(AccountsProperties accounts, SenderHealth health, Clock clock) {
        this.http = WebClient.builder()
                .baseUrl(accounts.baseUrl(Platform.TELEGRAM).toString())
                .build();
        this.health = health;
        this.clock = clock;
    }

    @Override
    public Platform platform() {
        return Platform.TELEGRAM;
    }

    @Override
    public String sendDirect(Account from, Recipient to, String text) {
        String chatId = to.conversationId() != null ? to.conversationId() : to.userId();
        return send(from, chatId, Map.of("chat_id", chatId, "text", text));
    }

    private String send(Account from, String chatId, Map<String, Object> body) {
        Instant until = limitedUntil.get(from.id());
        if (until != null && clock.instant().isBefore(until)) {
            throw new DependencyUnavailableException("telegram rate limit for " + from.id() + " until " + until, null);
        }
        Map<?, ?> answer = SendCalls.call(
                health,
                platform(),
                from,
                () -> http.post()
                        .uri(u -> u.path("/bot{token}/sendMessage").build(from.token()))
                        .contentType(MediaType.APPLICATION_JSON)
                        .bodyValue(body)
                        .retrieve()
                        .bodyToMono(Map.class)
                        .timeout(SendCalls.TIMEOUT)
                        .block(),
                e -> classify(from, e));
        if (answer == null
                || !(answer.get("result") instanceof Map<?, ?> message)
                || message.get("message_id") == null) {
            throw new DependencyUnavailableException("telegram answered without message_id", null);
        }
        return chatId + "_" + message.get("message_id");
    }

    /**
     * A message in a group that mentions the bot is answered in that group, quoting it
     * ({@code reply_parameters.message_id}; the native id is {@code <chatId>_<messageId>}).
     */
    @Override
    public String replyPublic(Account from, Recipient to, String text) {
        String nativeId = to.replyToMessageId();
        if (to.conversationId() == null || nativeId == null || !nativeId.startsWith(to.conversationId() + "_")) {
            throw new RecipientUnreachableException("telegram: the group message to answer is unknown");
        }
        long messageId;
        try {
            messageId = Long.parseLong(nativeId.substring(to.conversationId().length() + 1));
        } catch (NumberFormatException e) {
            throw new RecipientUnreachableException("telegram: the group message to answer is unknown");
        }
        return send(
                from,
                to.conversationId(),
                Map.of(
                        "chat_id",
                        to.conversationId(),
                        "text",
                        text,
                        "reply_parameters",
                        Map.of("message_id", messageId, "allow_sending_without_reply", true)));
    }

    @Override
    public Optional<String> findSent(Account from, Recipient to, String marker) {
        return Optional.empty();
    }

    private RuntimeException classify(Account from, WebClientResponseException e) {
        int status = e.getStatusCode().value();
        if (status == 429) {
            long retryAfter =
                    RateLimits.telegramRetryAfter(e.getResponseBodyAsString()).orElse(1L);
            limitedUntil.put(from.id(), clock.instant().plusSeconds(retryAfter));
            health.report(
                    platform().code(),
                    from.id(),
                    AccountState.RATE_LIMITED,
                    "telegram 429, retry after " + retryAfter + " s");
            return new DependencyUnavailableException(
                    "telegram rate limit for " + from.id() + ", retry after " + retryAfter + " s", null);
        }
        if (status == 403) {
            return new RecipientUnreachableException("telegram: the citizen blocked the bot or never started it (403)");
        }
        if (status == 400) {
            return new RecipientUnreachableException("telegram refused the message (400, e.g. chat not found)");
        }
        return null;
    }
}
