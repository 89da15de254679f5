package io.dmdesk.contracts;

import java.time.Instant;
import java.util.List;

/**
 * One DM or public mention, normalised from any platform. Key on {@link Topics#SOCIAL_INBOUND}: the
 * conversation key, so that messages of one conversation stay in order.
 *
 * @param messageId deterministic id ({@link #idFor}), the same however often the platform delivers it
 */
public record InboundMessage(
        int schemaVersion,
        String messageId,
        MessageKind kind,
        Platform platform,
        MonitoredAccount account,
        Channel channel,
        String conversationId,
        String nativeMessageId,
        Author author,
        String text,
        String languageHint,
        List<Attachment> attachments,
        Instant platformTimestamp,
        Instant receivedAt,
        String replyToNativeId) {

    public static final int SCHEMA_VERSION = 1;

    public InboundMessage {
        attachments = attachments == null ? List.of() : List.copyOf(attachments);
    }

    /** Platform plus native id: the identity of a message across webhooks, pulls, retries and restarts. */
    public static String idFor(Platform platform, String nativeMessageId) {
        return platform.code() + ":" + nativeMessageId;
    }

    /** Conversation key used as the Kafka key: platform, account and conversation. */
    public String conversationKey() {
        return platform.code() + ":" + account.id() + ":" + conversationId;
    }
}
