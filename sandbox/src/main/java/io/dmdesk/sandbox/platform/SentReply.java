package io.dmdesk.sandbox.platform;

import java.time.Instant;

/** A message a monitored account sent to a citizen through the platform's send API. */
public record SentReply(
    String id, String platform, String account, String recipient, String recipientId, String conversationId,
    String text, Instant sentAt) {}
