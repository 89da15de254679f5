package io.dmdesk.support.platform;

/**
 * How calls to a platform for one account are going, the same four states for intake's connectors (pulls,
 * webhooks) and the notifier's senders. The numeric level is what the state metrics export (higher is worse).
 */
public enum AccountState {
    UP(0),
    DEGRADED(1),
    RATE_LIMITED(2),
    CREDENTIALS_INVALID(3);

    private final int level;

    AccountState(int level) {
        this.level = level;
    }

    public int level() {
        return level;
    }
}
