package io.dmdesk.intake.telegram;

import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Telegram allows one way of receiving per bot: getUpdates or a webhook, never both (getUpdates answers 409
 * while a webhook is set). A bot with a webhook secret token here is in webhook mode; every other bot is polled.
 *
 * @param longPoll            getUpdates {@code timeout}: how long Telegram holds a poll open when nothing is new
 * @param webhookSecretTokens account id to the {@code secret_token} given to setWebhook (from the environment)
 */
@ConfigurationProperties("intake.telegram")
public record TelegramProperties(@DefaultValue("PT5S") Duration longPoll, Map<String, String> webhookSecretTokens) {

    public TelegramProperties {
        webhookSecretTokens = webhookSecretTokens == null ? Map.of() : Map.copyOf(webhookSecretTokens);
    }

    boolean webhookMode(String accountId) {
        String token = webhookSecretTokens.get(accountId);
        return token != null && !token.isBlank();
    }
}
