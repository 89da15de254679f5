package io.dmdesk.notifier.send;

import io.dmdesk.contracts.Platform;
import io.dmdesk.support.accounts.AccountsProperties.Account;

/** Sends a private message from a monitored account to a citizen on one platform. */
public interface PlatformSender {

    Platform platform();

    /** @return the platform's id of the sent message */
    String sendDirect(Account from, String recipientId, String conversationId, String text);
}
