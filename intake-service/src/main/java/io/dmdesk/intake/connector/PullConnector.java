package io.dmdesk.intake.connector;

import io.dmdesk.support.accounts.AccountsProperties.Account;

/** Pulls what is new for one account since its stored cursor and hands each message to intake, oldest first. */
public interface PullConnector {

    boolean supports(Account account);

    /** @return how many messages were handed on */
    int pull(Account account);
}
