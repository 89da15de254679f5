package io.dmdesk.intake.telegram;

import io.dmdesk.contracts.Attachment;
import io.dmdesk.contracts.Author;
import io.dmdesk.contracts.Channel;
import io.dmdesk.contracts.InboundMessage;
import io.dmdesk.contracts.MessageKind;
import io.dmdesk.contracts.MonitoredAccount;
import io.dmdesk.contracts.Platform;
import io.dmdesk.support.accounts.AccountsProperties.Account;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * Normalises a Telegram Update, the same for getUpdates and webhooks. Telegram message ids are unique only
 * within a chat, so the native id is {@code <chat id>_<message id>}. A private chat is a DM; a group or channel
 * message (the bot was mentioned or addressed) is PUBLIC. {@code edited_message} is an EDIT of the same message.
 */
final class TelegramMessages {

    private TelegramMessages() {}

    /** The update's type: the one field besides update_id (message, edited_message, callback_query...). */
    static String type(JsonNode update) {
        return update.propertyNames().stream()
                .filter(n -> !"update_id".equals(n))
                .findFirst()
                .orElse("empty");
    }

    static Optional<InboundMessage> normalise(Account account, JsonNode update, Clock clock) {
        String type = type(update);
        if (!"message".equals(type) && !"edited_message".equals(type)) {
            return Optional.empty();
        }
        JsonNode m = update.get(type);
        JsonNode from = m.path("from");
        if (from.path("is_bot").asBoolean(false)) {
            return Optional.empty(); // other bots, and our own bot's messages in groups
        }
        String chatId = m.path("chat").path("id").asString("");
        String nativeId = chatId + "_" + m.path("message_id").asString("");
        boolean edit = "edited_message".equals(type);
        Instant at = Instant.ofEpochSecond(
                edit
                        ? m.path("edit_date").asLong(m.path("date").asLong())
                        : m.path("date").asLong(clock.instant().getEpochSecond()));
        String name = (from.path("first_name").asString("") + " "
                        + from.path("last_name").asString(""))
                .strip();
        Author author = new Author(
                from.path("id").asString(null), from.path("username").asString(null), name.isEmpty() ? null : name);
        Channel channel = "private".equals(m.path("chat").path("type").asString("")) ? Channel.DM : Channel.PUBLIC;
        String text =
                m.has("text") ? m.path("text").asString("") : m.path("caption").asString("");
        JsonNode reply = m.path("reply_to_message").path("message_id");
        MonitoredAccount monitored = new MonitoredAccount(
                account.id(),
                account.handle(),
                account.team(),
                account.district(),
                account.officer(),
                account.outOfHours(at));
        return Optional.of(new InboundMessage(
                InboundMessage.SCHEMA_VERSION,
                InboundMessage.idFor(Platform.TELEGRAM, nativeId),
                edit ? MessageKind.EDIT : MessageKind.NEW,
                Platform.TELEGRAM,
                monitored,
                channel,
                chatId,
                nativeId,
                author,
                text,
                from.path("language_code").asString(null),
                attachments(m),
                at,
                clock.instant(),
                reply.isMissingNode() ? null : chatId + "_" + reply.asString()));
    }

    /** Metadata only: Telegram file ids; the content stays on Telegram. The largest photo size is kept. */
    private static List<Attachment> attachments(JsonNode m) {
        List<Attachment> list = new ArrayList<>();
        JsonNode photos = m.path("photo");
        if (photos.isArray() && !photos.isEmpty()) {
            list.add(new Attachment(
                    "photo", null, photos.get(photos.size() - 1).path("file_id").asString(null)));
        }
        for (String kind : List.of("document", "video", "voice", "audio", "video_note")) {
            if (m.has(kind)) {
                list.add(new Attachment(kind, null, m.path(kind).path("file_id").asString(null)));
            }
        }
        if (m.has("location")) {
            list.add(new Attachment("location", null, null));
        }
        return list;
    }
}
