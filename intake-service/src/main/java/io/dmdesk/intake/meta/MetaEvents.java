package io.dmdesk.intake.meta;

import io.dmdesk.contracts.Attachment;
import io.dmdesk.contracts.Author;
import io.dmdesk.contracts.Channel;
import io.dmdesk.contracts.InboundMessage;
import io.dmdesk.contracts.MessageKind;
import io.dmdesk.contracts.MonitoredAccount;
import io.dmdesk.contracts.Platform;
import io.dmdesk.intake.webhook.WebhookRejections;
import io.dmdesk.support.accounts.AccountsProperties;
import io.dmdesk.support.accounts.AccountsProperties.Account;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * Normalises a verified Meta delivery: {@code object} page or instagram; {@code entry[].messaging[]} (Messenger /
 * Instagram DMs; echoes of our own sends skipped, {@code is_deleted} a DELETE, {@code message_edit} an EDIT,
 * story_mention attachments a PUBLIC mention) and {@code entry[].changes[]} ({@code feed} page comments,
 * {@code comments} Instagram comments; edited/removed comments as EDIT/DELETE). Everything else is counted.
 */
final class MetaEvents {

    private final AccountsProperties accounts;
    private final WebhookRejections counts;
    private final Clock clock;

    MetaEvents(AccountsProperties accounts, WebhookRejections counts, Clock clock) {
        this.accounts = accounts;
        this.counts = counts;
        this.clock = clock;
    }

    /** The oldest entry time in the delivery (Meta sends ms for messaging, seconds for some feed changes). */
    static Optional<Instant> oldestEntryTime(JsonNode root) {
        Instant oldest = null;
        for (JsonNode entry : root.path("entry")) {
            if (entry.has("time")) {
                Instant t = epoch(entry.get("time").asLong());
                oldest = oldest == null || t.isBefore(oldest) ? t : oldest;
            }
        }
        return Optional.ofNullable(oldest);
    }

    List<InboundMessage> messages(JsonNode root) {
        String object = root.path("object").asString("");
        List<InboundMessage> out = new ArrayList<>();
        for (JsonNode entry : root.path("entry")) {
            String owner = entry.path("id").asString("");
            for (JsonNode event : entry.path("messaging")) {
                Platform platform = "instagram".equals(object) ? Platform.INSTAGRAM : Platform.MESSENGER;
                account(platform, owner)
                        .ifPresentOrElse(
                                a -> messaging(a, platform, event).ifPresent(out::add),
                                () -> counts.ignored("meta", "unknown_account"));
            }
            for (JsonNode change : entry.path("changes")) {
                String field = change.path("field").asString("");
                Platform platform = "feed".equals(field)
                        ? Platform.FACEBOOK
                        : "comments".equals(field) && "instagram".equals(object) ? Platform.INSTAGRAM : null;
                if (platform == null) {
                    counts.ignored("meta", field.matches("[a-z_]{1,40}") ? field : "other");
                    continue;
                }
                account(platform, owner)
                        .ifPresentOrElse(
                                a -> comment(a, platform, change.path("value")).ifPresent(out::add),
                                () -> counts.ignored("meta", "unknown_account"));
            }
        }
        return out;
    }

    private Optional<InboundMessage> messaging(Account account, Platform platform, JsonNode e) {
        String sender = e.path("sender").path("id").asString("");
        Instant at = epoch(e.path("timestamp").asLong(clock.millis()));
        if (e.has("message_edit")) {
            JsonNode edit = e.get("message_edit");
            return Optional.of(message(
                    account,
                    platform,
                    MessageKind.EDIT,
                    Channel.DM,
                    edit.path("mid").asString(),
                    sender,
                    edit.path("text").asString(""),
                    List.of(),
                    at,
                    null));
        }
        JsonNode m = e.path("message");
        if (m.isMissingNode()) {
            counts.ignored(
                    "meta",
                    e.has("read")
                            ? "read"
                            : e.has("delivery")
                                    ? "delivery"
                                    : e.has("reaction") ? "reaction" : e.has("postback") ? "postback" : "other");
            return Optional.empty();
        }
        if (m.path("is_echo").asBoolean(false) || sender.equals(account.platformUserId())) {
            return Optional.empty(); // our own sends, echoed back
        }
        String mid = m.path("mid").asString("");
        if (m.path("is_deleted").asBoolean(false)) {
            return Optional.of(
                    message(account, platform, MessageKind.DELETE, Channel.DM, mid, sender, "", List.of(), at, null));
        }
        List<Attachment> attachments = new ArrayList<>();
        boolean storyMention = false;
        for (JsonNode a : m.path("attachments")) {
            String type = a.path("type").asString("file");
            storyMention |= "story_mention".equals(type);
            attachments.add(new Attachment(type, a.path("payload").path("url").asString(null), null));
        }
        // A story mention is public content naming the force, delivered through the DM inbox.
        Channel channel = storyMention ? Channel.PUBLIC : Channel.DM;
        return Optional.of(message(
                account,
                platform,
                MessageKind.NEW,
                channel,
                mid,
                sender,
                m.path("text").asString(""),
                attachments,
                at,
                m.path("reply_to").path("mid").asString(null)));
    }

    private Optional<InboundMessage> comment(Account account, Platform platform, JsonNode v) {
        boolean instagram = platform == Platform.INSTAGRAM;
        if (!instagram && !"comment".equals(v.path("item").asString(""))) {
            counts.ignored("meta", "feed_" + v.path("item").asString("other").replaceAll("[^a-z_]", ""));
            return Optional.empty();
        }
        JsonNode from = v.path("from");
        String authorId = from.path("id").asString("");
        if (authorId.equals(account.platformUserId())) {
            return Optional.empty(); // the page's own comments
        }
        String id = instagram ? v.path("id").asString("") : v.path("comment_id").asString("");
        String verb = v.path("verb").asString("add");
        MessageKind kind =
                "remove".equals(verb) ? MessageKind.DELETE : "edited".equals(verb) ? MessageKind.EDIT : MessageKind.NEW;
        Instant at = v.has("created_time") ? epoch(v.get("created_time").asLong()) : clock.instant();
        String text =
                instagram ? v.path("text").asString("") : v.path("message").asString("");
        Author author = new Author(
                authorId,
                from.path("username").asString(null),
                from.path("name").asString(null));
        String post = instagram
                ? v.path("media").path("id").asString("")
                : v.path("post_id").asString("");
        MonitoredAccount monitored = monitored(account, at);
        return Optional.of(new InboundMessage(
                InboundMessage.SCHEMA_VERSION,
                InboundMessage.idFor(platform, id),
                kind,
                platform,
                monitored,
                Channel.PUBLIC,
                "post-" + post,
                id,
                author,
                text,
                null,
                List.of(),
                at,
                clock.instant(),
                v.path("parent_id").asString(null)));
    }

    private InboundMessage message(
            Account account,
            Platform platform,
            MessageKind kind,
            Channel channel,
            String mid,
            String sender,
            String text,
            List<Attachment> attachments,
            Instant at,
            String replyTo) {
        return new InboundMessage(
                InboundMessage.SCHEMA_VERSION,
                InboundMessage.idFor(platform, mid),
                kind,
                platform,
                monitored(account, at),
                channel,
                sender,
                mid,
                new Author(sender, null, null),
                text,
                null,
                attachments,
                at,
                clock.instant(),
                replyTo);
    }

    private Optional<Account> account(Platform platform, String ownerId) {
        return accounts.accounts().stream()
                .filter(a -> a.platform() == platform && a.platformUserId().equals(ownerId))
                .findFirst();
    }

    private static MonitoredAccount monitored(Account account, Instant at) {
        return new MonitoredAccount(
                account.id(),
                account.handle(),
                account.team(),
                account.district(),
                account.officer(),
                account.outOfHours(at));
    }

    private static Instant epoch(long value) {
        return value < 100_000_000_000L ? Instant.ofEpochSecond(value) : Instant.ofEpochMilli(value);
    }
}
