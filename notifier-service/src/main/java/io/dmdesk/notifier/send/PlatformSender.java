package io.dmdesk.notifier.send;

import io.dmdesk.contracts.Platform;
import io.dmdesk.support.accounts.AccountsProperties.Account;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Sends a private message from a monitored account to a citizen on one platform.
 * Failures say what to do next: {@link io.dmdesk.support.errors.DependencyUnavailableException} (the platform is
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
     * Answers a citizen's public post or comment in public, in its thread ({@code to.replyToMessageId()}).
     * Platforms without public posts refuse: the intent ends as "cannot reply on channel".
     *
     * @return the platform's id of the reply
     */
    default String replyPublic(Account from, Recipient to, String text) {
        throw new RecipientUnreachableException(
                platform().code() + ": public replies are not possible on this platform");
    }

    /**
     * Whether this account already answered {@code to.replyToMessageId()} in public, for an attempt whose outcome
     * is unknown. Empty by default: the reply is sent again (see docs/DECISIONS.md).
     */
    default Optional<String> findPublicReply(Account from, Recipient to, String marker) {
        return Optional.empty();
    }

    /**
     * @param conversationId the platform's conversation the report came from
     * @param handle the citizen's handle where the platform addresses people by it (Mastodon acct), else null
     * @param replyToMessageId the citizen's message being answered (Mastodon in_reply_to_id), or null
     * @param lastMessageAt when the citizen last wrote (Meta's 24 h / 7 day windows), or null when unknown
     * @param idempotencyKey stable per intent: the same on every attempt of one message (Mastodon Idempotency-Key)
     * @param byHuman an operator wrote it (Meta HUMAN_AGENT tag), not an automated acknowledgement
     * @param platformRefs what intake carried besides the native id (Bluesky: cid, rootUri, rootCid)
     */
    record Recipient(
            String userId,
            String conversationId,
            String handle,
            String replyToMessageId,
            Instant lastMessageAt,
            String idempotencyKey,
            boolean byHuman,
            Map<String, String> platformRefs) {

        public Recipient {
            platformRefs = platformRefs == null ? Map.of() : Map.copyOf(platformRefs);
        }

        public Recipient(
                String userId,
                String conversationId,
                String handle,
                String replyToMessageId,
                Instant lastMessageAt,
                String idempotencyKey,
                boolean byHuman) {
            this(userId, conversationId, handle, replyToMessageId, lastMessageAt, idempotencyKey, byHuman, null);
        }

        public Recipient(String userId, String conversationId) {
            this(userId, conversationId, null, null, null, null, false);
        }
    }
}
