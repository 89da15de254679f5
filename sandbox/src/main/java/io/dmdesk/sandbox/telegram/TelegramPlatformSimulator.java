package io.dmdesk.sandbox.telegram;

import io.dmdesk.sandbox.platform.CitizenForm;
import io.dmdesk.sandbox.platform.CitizenMessage;
import io.dmdesk.sandbox.platform.DeliveredMessage;
import io.dmdesk.sandbox.platform.InvalidCitizenMessage;
import io.dmdesk.sandbox.platform.Mentions;
import io.dmdesk.sandbox.platform.MonitoredAccount;
import io.dmdesk.sandbox.platform.PlatformSimulator;
import io.dmdesk.sandbox.platform.SentReply;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;
import tools.jackson.databind.node.ObjectNode;

/**
 * Telegram for the control API: a citizen writes to a bot in a private chat ({@code dm}) or mentions it in the
 * force's community group ({@code group}).
 */
@Component
class TelegramPlatformSimulator implements PlatformSimulator {

    static final long GROUP_CHAT_ID = -1001500000001L;
    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9_]{5,32}");

    private final TelegramBots bots;
    private final TelegramUpdates updates;
    private final TelegramWebhookDelivery delivery;

    TelegramPlatformSimulator(TelegramBots bots, TelegramUpdates updates, TelegramWebhookDelivery delivery) {
        this.bots = bots;
        this.updates = updates;
        this.delivery = delivery;
    }

    @Override
    public String platform() {
        return "telegram";
    }

    @Override
    public List<String> channels() {
        return List.of("dm", "group");
    }

    @Override
    public String displayName() {
        return "Telegram";
    }

    @Override
    public CitizenForm citizenForm() {
        return new CitizenForm(
                "jane_citizen",
                "[A-Za-z0-9_]{5,32}",
                32,
                "A Telegram username: 5 to 32 letters, digits or underscores, without @.",
                4096);
    }

    @Override
    public List<MonitoredAccount> accounts() {
        return bots.all().stream()
                .map(b -> new MonitoredAccount(b.username(), Long.toString(b.id()), b.name()))
                .toList();
    }

    @Override
    public DeliveredMessage receive(CitizenMessage message) {
        if (!channels().contains(message.channel())) {
            throw new InvalidCitizenMessage("channel", "channel must be one of " + channels());
        }
        TelegramProperties.Bot bot = bots.byUsername(message.account())
                .orElseThrow(() -> new InvalidCitizenMessage("account", "not a monitored Telegram bot"));
        String sender = message.sender() == null ? "" : message.sender().strip().replaceFirst("^@", "");
        if (!USERNAME.matcher(sender).matches()) {
            throw new InvalidCitizenMessage("sender", "sender must be a Telegram username: 5-32 letters, digits or _");
        }
        if (message.text() == null || message.text().isBlank() || message.text().length() > 4096) {
            throw new InvalidCitizenMessage("text", "text must be 1-4096 characters");
        }
        long userId = userId(sender);
        Map<String, Object> from = new LinkedHashMap<>();
        from.put("id", userId);
        from.put("is_bot", false);
        from.put(
                "first_name",
                message.senderName() == null || message.senderName().isBlank() ? sender : message.senderName());
        from.put("username", sender);
        from.put("language_code", "en");
        Map<String, Object> chat = new LinkedHashMap<>();
        String text = message.text();
        if ("dm".equals(message.channel())) {
            chat.put("id", userId);
            chat.put("type", "private");
            chat.put("username", sender);
            chat.put("first_name", from.get("first_name"));
        } else {
            chat.put("id", GROUP_CHAT_ID);
            chat.put("type", "supergroup");
            chat.put("title", "Demo Town Community");
            text = Mentions.addressed(text, bot.username());
        }
        ObjectNode update = updates.receive(bot.id(), from, chat, text);
        ObjectNode sent = (ObjectNode) update.get("message");
        return new DeliveredMessage(
                chat.get("id") + "_" + sent.get("message_id").asLong(),
                chat.get("id").toString(),
                bot.username(),
                sender,
                Long.toString(userId),
                Instant.ofEpochSecond(sent.get("date").asLong()));
    }

    @Override
    public List<SentReply> replies() {
        return updates.sent().stream()
                .map(s -> {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> m = (Map<String, Object>) s.get("message");
                    @SuppressWarnings("unchecked")
                    long chatId = ((Number) ((Map<String, Object>) m.get("chat")).get("id")).longValue();
                    String bot = bots.all().stream()
                            .filter(b -> b.id() == ((Number) s.get("botId")).longValue())
                            .map(TelegramProperties.Bot::username)
                            .findFirst()
                            .orElse("?");
                    Instant at = Instant.ofEpochSecond(((Number) m.get("date")).longValue());
                    if (chatId < 0) {
                        // A group answer is public; it answers the message it quotes.
                        Object quoted = m.get("reply_to_message") instanceof Map<?, ?> r ? r.get("message_id") : null;
                        String citizen = quoted instanceof Number q
                                ? updates.groupAuthor(chatId, q.longValue()).orElse(Long.toString(chatId))
                                : Long.toString(chatId);
                        return new SentReply(
                                chatId + "_" + m.get("message_id"),
                                platform(),
                                bot,
                                citizen,
                                Long.toString(chatId),
                                quoted == null ? Long.toString(chatId) : chatId + "_" + quoted,
                                String.valueOf(m.get("text")),
                                at,
                                "public",
                                null);
                    }
                    return new SentReply(
                            chatId + "_" + m.get("message_id"),
                            platform(),
                            bot,
                            updates.username(chatId).orElse(Long.toString(chatId)),
                            Long.toString(chatId),
                            Long.toString(chatId),
                            String.valueOf(m.get("text")),
                            at);
                })
                .toList();
    }

    @Override
    public List<String> faults() {
        return List.of(
                TelegramBots.EXPIRED_TOKEN, TelegramBots.RATE_LIMIT, TelegramBots.MISSED_WEBHOOK, TelegramBots.BLOCKED);
    }

    @Override
    public void fault(String fault, String account, boolean enabled) {
        if (!faults().contains(fault)) {
            throw new InvalidCitizenMessage("fault", "fault must be one of " + faults());
        }
        TelegramProperties.Bot bot = TelegramBots.MISSED_WEBHOOK.equals(fault)
                ? null
                : bots.byUsername(account)
                        .orElseThrow(() -> new InvalidCitizenMessage("account", "not a monitored Telegram bot"));
        bots.fault(fault, bot, enabled);
    }

    @Override
    public Map<String, Object> webhookStatus() {
        Map<String, Object> status = new LinkedHashMap<>();
        bots.all().forEach(b -> bots.webhook(b.id()).ifPresent(h -> status.put(b.username(), h.url())));
        status.put("delivered", delivery.delivered.get());
        status.put("failed", delivery.failed.get());
        return status;
    }

    static Map<String, Object> botUser(TelegramProperties.Bot bot) {
        Map<String, Object> user = new LinkedHashMap<>();
        user.put("id", bot.id());
        user.put("is_bot", true);
        user.put("first_name", bot.name());
        user.put("username", bot.username());
        return user;
    }

    /** Same username, same id (like CitizenIds for X): 10 digits, inside Telegram's 52-bit id range. */
    static long userId(String username) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256")
                    .digest(username.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
            long v = 0;
            for (int i = 0; i < 8; i++) {
                v = (v << 8) | (d[i] & 0xff);
            }
            return 6_000_000_000L + Long.remainderUnsigned(v, 1_000_000_000L);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
