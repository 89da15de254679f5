package io.dmdesk.intake.x;

import io.dmdesk.contracts.Attachment;
import io.dmdesk.contracts.Author;
import io.dmdesk.contracts.Channel;
import io.dmdesk.contracts.InboundMessage;
import io.dmdesk.contracts.MessageKind;
import io.dmdesk.contracts.MonitoredAccount;
import io.dmdesk.contracts.Platform;
import io.dmdesk.support.accounts.AccountsProperties.Account;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/**
 * Builds InboundMessages the same way whether a DM or mention came by pull or by webhook, so both paths give
 * the same messageId and the same conversation key (same Kafka partition, same order).
 */
final class XMessages {

    /** X ids are 64-bit snowflakes: numeric order is time order (longer ids are not always greater as text). */
    static final Comparator<String> BY_ID = Comparator.comparing(BigInteger::new);

    private XMessages() {}

    static InboundMessage dm(
            Account account,
            String eventId,
            String conversationId,
            Author author,
            String text,
            List<Attachment> attachments,
            Instant sentAt,
            Clock clock) {
        Instant at = sentAt == null ? clock.instant() : sentAt;
        return new InboundMessage(
                InboundMessage.SCHEMA_VERSION,
                InboundMessage.idFor(Platform.X, eventId),
                MessageKind.NEW,
                Platform.X,
                monitored(account, at),
                Channel.DM,
                conversationId,
                eventId,
                author,
                text == null ? "" : text,
                null,
                attachments,
                at,
                clock.instant(),
                null);
    }

    /**
     * A public mention. Its conversation is the author's public thread with the account (the author's id):
     * the v1.1-shaped webhook payload has no v2 {@code conversation_id}, and both paths must agree.
     */
    static InboundMessage mention(
            Account account, String postId, Author author, String text, Instant postedAt, String replyTo, Clock clock) {
        Instant at = postedAt == null ? clock.instant() : postedAt;
        return new InboundMessage(
                InboundMessage.SCHEMA_VERSION,
                InboundMessage.idFor(Platform.X, postId),
                MessageKind.NEW,
                Platform.X,
                monitored(account, at),
                Channel.PUBLIC,
                "public-" + author.id(),
                postId,
                author,
                text == null ? "" : text,
                null,
                List.of(),
                at,
                clock.instant(),
                replyTo);
    }

    /** X names a one-to-one DM conversation by both user ids, numerically smaller first. */
    static String dmConversationId(String userA, String userB) {
        return new BigInteger(userA).compareTo(new BigInteger(userB)) <= 0 ? userA + "-" + userB : userB + "-" + userA;
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
}
