package io.dmdesk.sandbox.platform;

import java.time.Instant;
import java.util.Map;

/**
 * A citizen message now visible through the platform's own API.
 *
 * @param refs further references the platform gives the message (Bluesky: {@code cid}), shown by the control API
 */
public record DeliveredMessage(
        String id,
        String conversationId,
        String account,
        String sender,
        String senderId,
        Instant createdAt,
        Map<String, String> refs) {

    public DeliveredMessage {
        refs = refs == null ? Map.of() : Map.copyOf(refs);
    }

    public DeliveredMessage(
            String id, String conversationId, String account, String sender, String senderId, Instant createdAt) {
        this(id, conversationId, account, sender, senderId, createdAt, Map.of());
    }
}
