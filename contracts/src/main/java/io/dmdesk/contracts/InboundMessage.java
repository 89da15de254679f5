package io.dmdesk.contracts;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One DM or public mention, normalised from any platform. Key on {@link Topics#SOCIAL_INBOUND}: the
 * conversation key, so that messages of one conversation stay in order.
 *
 * @param messageId deterministic id ({@link #idFor}), the same however often the platform delivers it
 * @param platformRefs further platform references a reply needs, by name; empty on most platforms (and then
 *                     absent from the JSON). Bluesky public posts: {@value #CID} (the post's content id),
 *                     {@value #ROOT_URI} and {@value #ROOT_CID} (the thread's first post; the post itself when
 *                     it starts the thread), the strong refs of {@code app.bsky.feed.post#replyRef}.
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
        String replyToNativeId,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, String> platformRefs) {

    public static final int SCHEMA_VERSION = 1;
    public static final String CID = "cid";
    public static final String ROOT_URI = "rootUri";
    public static final String ROOT_CID = "rootCid";

    public InboundMessage {
        attachments = attachments == null ? List.of() : List.copyOf(attachments);
        platformRefs = platformRefs == null ? Map.of() : Map.copyOf(platformRefs);
    }

    /** A message that needs no further references to be answered (every platform but Bluesky posts). */
    public InboundMessage(
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
        this(
                schemaVersion,
                messageId,
                kind,
                platform,
                account,
                channel,
                conversationId,
                nativeMessageId,
                author,
                text,
                languageHint,
                attachments,
                platformTimestamp,
                receivedAt,
                replyToNativeId,
                Map.of());
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
