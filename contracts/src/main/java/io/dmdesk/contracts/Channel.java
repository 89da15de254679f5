package io.dmdesk.contracts;

/** DM is private to the account; PUBLIC is a mention or comment anyone can read. */
public enum Channel {
    DM,
    PUBLIC
}
