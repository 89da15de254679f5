package io.dmdesk.intake.telegram;

import io.dmdesk.contracts.InboundMessage;
import io.dmdesk.contracts.Platform;
import io.dmdesk.intake.IntakeProperties;
import io.dmdesk.intake.connector.ConnectorHealth;
import io.dmdesk.intake.connector.PageHandOff;
import io.dmdesk.intake.connector.PullConnector;
import io.dmdesk.intake.cursor.CursorStore;
import io.dmdesk.intake.webhook.WebhookRejections;
import io.dmdesk.support.accounts.AccountsProperties;
import io.dmdesk.support.accounts.AccountsProperties.Account;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Long-polls getUpdates for bots in polling mode. The cursor is the next offset (last update_id + 1), saved
 * only after the update was published and acknowledged; sending it to Telegram is what confirms (and deletes)
 * earlier updates, so nothing is confirmed before Kafka has it. On first connect, updates older than the
 * backfill window are confirmed without being handed on (Telegram keeps unconfirmed updates for 24 h).
 */
@Component
class TelegramConnector implements PullConnector {

    static final String STREAM = "updates";
    private static final Logger log = LoggerFactory.getLogger(TelegramConnector.class);

    private final TelegramApiClient api;
    private final TelegramProperties telegram;
    private final CursorStore cursors;
    private final PageHandOff handOff;
    private final ConnectorHealth health;
    private final WebhookRejections ignored;
    private final IntakeProperties properties;
    private final Clock clock;

    TelegramConnector(
            AccountsProperties accounts,
            TelegramProperties telegram,
            CursorStore cursors,
            PageHandOff handOff,
            ConnectorHealth health,
            WebhookRejections ignored,
            IntakeProperties properties,
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
        this.cursors = cursors;
        this.handOff = handOff;
        this.health = health;
        this.ignored = ignored;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public boolean supports(Account account) {
        return account.platform() == Platform.TELEGRAM && !telegram.webhookMode(account.id());
    }

    @Override
    public int pull(Account account) {
        Optional<String> cursor = cursors.get(account.id(), STREAM);
        Instant backfillFrom = clock.instant().minus(properties.backfill());
        List<JsonNode> updates =
                api.getUpdates(account, cursor.map(Long::valueOf).orElse(null), telegram.longPoll());
        int handed = handOff.handOn(
                account,
                STREAM,
                updates,
                update -> {
                    Optional<InboundMessage> message = TelegramMessages.normalise(account, update, clock);
                    if (message.isEmpty()) {
                        ignored.ignored("telegram", TelegramMessages.type(update));
                    }
                    boolean tooOld = cursor.isEmpty()
                            && message.isPresent()
                            && message.get().platformTimestamp().isBefore(backfillFrom);
                    return tooOld ? Optional.empty() : message;
                },
                update -> Long.toString(update.path("update_id").asLong() + 1));
        health.success(account.id(), null);
        if (handed > 0) {
            log.info("pulled {} new Telegram messages", handed);
        }
        return handed;
    }
}
