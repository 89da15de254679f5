package io.dmdesk.sandbox.platform;

import java.time.Instant;

/**
 * A message a monitored account sent to a citizen through the platform's send API.
 *
 * @param conversationId for a public reply, the citizen's post or comment it answers
 * @param channel {@code dm} for a private message, {@code public} for a reply anyone can read
 * @param visibility the platform's own visibility where it has one (Mastodon: direct, unlisted, public), else null
 */
public record SentReply(
        String id,
        String platform,
        String account,
        String recipient,
        String recipientId,
        String conversationId,
        String text,
        Instant sentAt,
        String channel,
        String visibility) {

    /** A private message. */
    public SentReply(
            String id,
            String platform,
            String account,
            String recipient,
            String recipientId,
            String conversationId,
            String text,
            Instant sentAt) {
        this(id, platform, account, recipient, recipientId, conversationId, text, sentAt, "dm", null);
    }
}
