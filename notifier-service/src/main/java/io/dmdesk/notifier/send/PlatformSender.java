package io.dmdesk.notifier.send;

import io.dmdesk.contracts.Platform;
import io.dmdesk.support.accounts.AccountsProperties.Account;
import java.util.Optional;

/**
 * Sends a private message from a monitored account to a citizen on one platform.
 * Failures say what to do next: {@link io.dmdesk.support.kafka.DependencyUnavailableException} (the platform is
 * down, rate-limited or the token is invalid: wait and retry) or {@link RecipientUnreachableException} (this
 * person cannot be written to on this channel: tell the operator, never retry).
 */
public interface PlatformSender {

    Platform platform();

    /** @return the platform's id of the sent message */
    String sendDirect(Account from, Recipient to, String text);

    /**
     * Whether this account already sent {@code to} a message containing {@code marker} (a reference): how an
     * attempt whose outcome is unknown (crash after the call) is settled without sending twice.
     */
    Optional<String> findSent(Account from, Recipient to, String marker);

    /**
     * @param conversationId the platform's conversation the report came from
     * @param handle the citizen's handle where the platform addresses people by it (Mastodon acct), else null
     * @param replyToMessageId the citizen's message being answered (Mastodon in_reply_to_id), or null
     * @param lastMessageAt when the citizen last wrote (Meta's 24 h / 7 day windows), or null when unknown
     * @param idempotencyKey stable per intent: the same on every attempt of one message (Mastodon Idempotency-Key)
     * @param byHuman an operator wrote it (Meta HUMAN_AGENT tag), not an automated acknowledgement
     */
    record Recipient(String userId, String conversationId, String handle, String replyToMessageId,
                     java.time.Instant lastMessageAt, String idempotencyKey, boolean byHuman) {

        public Recipient(String userId, String conversationId) {
            this(userId, conversationId, null, null, null, null, false);
        }
    }
}
