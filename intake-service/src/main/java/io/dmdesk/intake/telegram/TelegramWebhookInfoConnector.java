package io.dmdesk.intake.telegram;

import io.dmdesk.contracts.Platform;
import io.dmdesk.intake.IntakeProperties;
import io.dmdesk.intake.connector.ConnectorHealth;
import io.dmdesk.intake.connector.PullConnector;
import io.dmdesk.support.accounts.AccountsProperties;
import io.dmdesk.support.accounts.AccountsProperties.Account;
import io.dmdesk.support.platform.AccountState;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * For bots in webhook mode, what stands in for a reconciling pull: Telegram refuses getUpdates while a webhook
 * is set, so each cycle asks {@code getWebhookInfo} instead. Updates pending while the last delivery failed
 * ({@code last_error_date}) make the account DEGRADED, with Telegram's error message in the health details;
 * pending count and error age are metrics. Telegram keeps redelivering, so nothing is lost while it waits.
 */
@Component
class TelegramWebhookInfoConnector implements PullConnector {

    static final String STREAM = "webhook-info";

    private final TelegramApiClient api;
    private final TelegramProperties telegram;
    private final ConnectorHealth health;
    private final MeterRegistry meters;
    private final Clock clock;
    private final Map<String, AtomicLong> pending = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> lastErrorEpoch = new ConcurrentHashMap<>();

    TelegramWebhookInfoConnector(
            AccountsProperties accounts,
            TelegramProperties telegram,
            ConnectorHealth health,
            IntakeProperties properties,
            MeterRegistry meters,
            JsonMapper json,
            Clock clock) {
        this.api = accounts.platforms().containsKey(Platform.TELEGRAM.code())
                ? new TelegramApiClient(
                        WebClient.builder().build(),
                        accounts.baseUrl(Platform.TELEGRAM),
                        properties.requestTimeout(),
                        json,
                        clock)
                : null;
        this.telegram = telegram;
        this.health = health;
        this.meters = meters;
        this.clock = clock;
    }

    @Override
    public boolean supports(Account account) {
        return account.platform() == Platform.TELEGRAM && telegram.webhookMode(account.id());
    }

    @Override
    public int pull(Account account) {
        JsonNode info = api.getWebhookInfo(account);
        long count = info.path("pending_update_count").asLong(0);
        long errorAt = info.path("last_error_date").asLong(0);
        gauge(pending, "dmdesk.telegram.webhook.pending", account).set(count);
        gauge(lastErrorEpoch, "dmdesk.telegram.webhook.last.error.epoch.seconds", account)
                .set(errorAt);
        if (info.path("url").asString("").isEmpty()) {
            health.failure(
                    account.id(),
                    AccountState.DEGRADED,
                    "no webhook set at Telegram for this bot (setWebhook is an operator step)");
        } else if (count > 0 && errorAt > 0) {
            // Telegram's own words about our endpoint (status, TLS, connection): no citizen data.
            health.failure(
                    account.id(),
                    AccountState.DEGRADED,
                    count + " updates pending; last delivery error "
                            + (clock.instant().getEpochSecond() - errorAt) + " s ago: "
                            + info.path("last_error_message").asString(""));
        } else {
            health.success(account.id(), null);
        }
        return 0;
    }

    private AtomicLong gauge(Map<String, AtomicLong> values, String name, Account account) {
        return values.computeIfAbsent(account.id(), id -> {
            AtomicLong value = new AtomicLong();
            Gauge.builder(name, value, AtomicLong::get)
                    .tags("platform", "telegram", "account", id)
                    .register(meters);
            return value;
        });
    }
}
