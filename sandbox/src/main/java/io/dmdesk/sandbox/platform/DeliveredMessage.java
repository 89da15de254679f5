package io.dmdesk.sandbox.platform;

import java.time.Instant;

/** A citizen message now visible through the platform's own API. */
public record DeliveredMessage(
    String id, String conversationId, String account, String sender, String senderId, Instant createdAt) {}
