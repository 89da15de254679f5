package io.dmdesk.intake.x;

import io.dmdesk.contracts.Attachment;
import io.dmdesk.contracts.Author;
import io.dmdesk.contracts.InboundMessage;
import io.dmdesk.contracts.Platform;
import io.dmdesk.intake.publish.InboundPublisher;
import io.dmdesk.intake.webhook.WebhookRejections;
import io.dmdesk.support.accounts.AccountsProperties;
import io.dmdesk.support.accounts.AccountsProperties.Account;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns an Account Activity delivery into InboundMessages: {@code direct_message_events[]} (type
 * {@code message_create}) and {@code tweet_create_events[]} for the subscribed account {@code for_user_id}.
 * The account's own DMs and posts are skipped; other event types (favorites, follows, typing...) are counted
 * and ignored. Ids, conversations and authors come out exactly as the pull connectors make them.
 */
@Component
class XWebhookEvents {

    /** Envelope fields that are not events. */
    private static final Set<String> ENVELOPE = Set.of("for_user_id", "users", "apps", "user_has_blocked", "source");

    private final AccountsProperties accounts;
    private final InboundPublisher intake;
    private final WebhookRejections rejections;
    private final JsonMapper json;
    private final Clock clock;

    XWebhookEvents(
            AccountsProperties accounts,
            InboundPublisher intake,
            WebhookRejections rejections,
            JsonMapper json,
            Clock clock) {
        this.accounts = accounts;
        this.intake = intake;
        this.rejections = rejections;
        this.json = json;
        this.clock = clock;
    }

    Outcome handle(byte[] body) {
        JsonNode root;
        try {
            root = json.readTree(body);
        } catch (JacksonException e) {
            throw new Malformed();
        }
        if (root == null || !root.isObject()) {
            throw new Malformed();
        }
        Optional<Account> account = account(root.path("for_user_id").asString(""));
        if (account.isEmpty()) {
            rejections.ignored("x", "unknown_account");
            return new Outcome(0, 0, 1);
        }
        List<InboundMessage> messages = new ArrayList<>();
        int ignored = 0;
        for (String field : root.propertyNames()) {
            switch (field) {
                case "direct_message_events" ->
                    root.get(field).forEach(e -> dm(account.get(), root, e).ifPresent(messages::add));
                case "tweet_create_events" ->
                    root.get(field).forEach(e -> mention(account.get(), e).ifPresent(messages::add));
                default -> {
                    if (!ENVELOPE.contains(field)) {
                        rejections.ignored("x", field.matches("[a-z_]{1,40}") ? field : "other");
                        ignored++;
                    }
                }
            }
        }
        int published = intake.acceptAll(messages); // the whole delivery as one page
        return new Outcome(published, messages.size() - published, ignored);
    }

    private Optional<InboundMessage> dm(Account account, JsonNode root, JsonNode event) {
        if (!"message_create".equals(event.path("type").asString(""))) {
            rejections.ignored(
                    "x", "dm_" + event.path("type").asString("unknown").replaceAll("[^a-z_]", ""));
            return Optional.empty();
        }
        JsonNode create = event.path("message_create");
        String id = event.path("id").asString(null);
        String sender = create.path("sender_id").asString(null);
        String recipient = create.path("target").path("recipient_id").asString(null);
        if (id == null
                || sender == null
                || recipient == null
                || account.platformUserId().equals(sender)) {
            return Optional.empty(); // our own reply, or not a message
        }
        JsonNode user = root.path("users").path(sender);
        Author author = new Author(
                sender,
                user.path("screen_name").asString(null),
                user.path("name").asString(null));
        JsonNode data = create.path("message_data");
        List<Attachment> attachments = new ArrayList<>();
        JsonNode media = data.path("attachment").path("media");
        if (!media.isMissingNode()) {
            attachments.add(new Attachment(
                    data.path("attachment").path("type").asString("media"),
                    media.path("media_url_https").asString(null),
                    media.path("id_str").asString(null)));
        }
        return Optional.of(XMessages.dm(
                account,
                id,
                XMessages.dmConversationId(sender, recipient),
                author,
                data.path("text").asString(""),
                attachments,
                epochMillis(event.path("created_timestamp")),
                clock));
    }

    private Optional<InboundMessage> mention(Account account, JsonNode tweet) {
        String id = tweet.path("id_str").asString(null);
        JsonNode user = tweet.path("user");
        String authorId = user.path("id_str").asString(null);
        if (id == null
                || authorId == null
                || account.platformUserId().equals(authorId)
                || tweet.has("retweeted_status")) {
            return Optional.empty(); // the account's own post, or a repost: not addressed to the force
        }
        String text = tweet.path("truncated").asBoolean(false)
                ? tweet.path("extended_tweet")
                        .path("full_text")
                        .asString(tweet.path("text").asString(""))
                : tweet.path("text").asString("");
        Author author = new Author(
                authorId,
                user.path("screen_name").asString(null),
                user.path("name").asString(null));
        return Optional.of(XMessages.mention(
                account,
                id,
                author,
                text,
                epochMillis(tweet.path("timestamp_ms")),
                tweet.path("in_reply_to_status_id_str").asString(null),
                clock));
    }

    private Optional<Account> account(String forUserId) {
        return accounts.accounts().stream()
                .filter(a -> a.platform() == Platform.X && a.platformUserId().equals(forUserId))
                .findFirst();
    }

    /** X sends epoch milliseconds as strings ({@code created_timestamp}, {@code timestamp_ms}). */
    private static Instant epochMillis(JsonNode node) {
        try {
            return node.isMissingNode() || node.isNull() ? null : Instant.ofEpochMilli(Long.parseLong(node.asString()));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    record Outcome(int published, int duplicates, int ignored) {}

    static final class Malformed extends RuntimeException {
        Malformed() {
            super("malformed webhook body", null, false, false);
        }
    }
}
