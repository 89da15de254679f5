package io.dmdesk.sandbox.telegram;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * The configured bots, their webhook registrations (setWebhook) and faults: expired token, a 429 burst,
 * missed webhook deliveries.
 */
@Component
class TelegramBots {

    static final String EXPIRED_TOKEN = "expired-token";
    static final String RATE_LIMIT = "rate-limit";
    static final String MISSED_WEBHOOK = "missed-webhook";
    /** Every private chat has blocked the bot: sendMessage to a user answers 403. */
    static final String BLOCKED = "blocked-by-user";
    /** How long a switched-on rate-limit fault answers 429. */
    static final long RATE_LIMIT_SECONDS = 2;

    private final List<TelegramProperties.Bot> bots;
    private final Clock clock;
    private final Map<Long, Webhook> webhooks = new ConcurrentHashMap<>();
    private final Map<Long, Boolean> expired = new ConcurrentHashMap<>();
    private final Map<Long, Boolean> blocked = new ConcurrentHashMap<>();
    private final Map<Long, Instant> limitedUntil = new ConcurrentHashMap<>();
    private volatile boolean missedWebhooks;

    TelegramBots(TelegramProperties properties, Clock clock) {
        this.bots = properties.bots();
        this.clock = clock;
    }

    List<TelegramProperties.Bot> all() {
        return bots;
    }

    Optional<TelegramProperties.Bot> byToken(String token) {
        return bots.stream().filter(b -> b.token().equals(token)).findFirst();
    }

    Optional<TelegramProperties.Bot> byUsername(String username) {
        String wanted = username == null ? "" : username.replaceFirst("^@", "").toLowerCase(Locale.ROOT);
        return bots.stream()
                .filter(b -> b.username().toLowerCase(Locale.ROOT).equals(wanted))
                .findFirst();
    }

    void fault(String fault, TelegramProperties.Bot bot, boolean enabled) {
        switch (fault) {
            case EXPIRED_TOKEN -> {
                if (enabled) {
                    expired.put(bot.id(), true);
                } else {
                    expired.remove(bot.id());
                }
            }
            case RATE_LIMIT -> {
                if (enabled) {
                    limitedUntil.put(bot.id(), clock.instant().plusSeconds(RATE_LIMIT_SECONDS));
                } else {
                    limitedUntil.remove(bot.id());
                }
            }
            case MISSED_WEBHOOK -> missedWebhooks = enabled;
            case BLOCKED -> {
                if (enabled) {
                    blocked.put(bot.id(), true);
                } else {
                    blocked.remove(bot.id());
                }
            }
            default -> throw new IllegalArgumentException(fault);
        }
    }

    boolean blocked(TelegramProperties.Bot bot) {
        return blocked.containsKey(bot.id());
    }

    boolean expired(TelegramProperties.Bot bot) {
        return expired.containsKey(bot.id());
    }

    /** Seconds the bot must wait, or 0. */
    long retryAfter(TelegramProperties.Bot bot) {
        Instant until = limitedUntil.get(bot.id());
        if (until == null || !clock.instant().isBefore(until)) {
            return 0;
        }
        return Math.max(1, until.getEpochSecond() - clock.instant().getEpochSecond());
    }

    boolean missedWebhooks() {
        return missedWebhooks;
    }

    void setWebhook(TelegramProperties.Bot bot, String url, String secretToken) {
        if (url == null || url.isBlank()) {
            webhooks.remove(bot.id());
        } else {
            webhooks.put(bot.id(), new Webhook(url, secretToken));
        }
    }

    Optional<Webhook> webhook(long botId) {
        return Optional.ofNullable(webhooks.get(botId));
    }

    void clearFaults() {
        expired.clear();
        limitedUntil.clear();
        missedWebhooks = false;
    }

    record Webhook(String url, String secretToken) {}
}
