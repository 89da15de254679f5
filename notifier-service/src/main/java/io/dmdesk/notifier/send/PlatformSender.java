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

    /** @param conversationId the platform's conversation the report came from */
    record Recipient(String userId, String conversationId) {
    }
}
