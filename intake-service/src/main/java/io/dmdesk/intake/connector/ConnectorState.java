package io.dmdesk.intake.connector;

/** How an account's connector is doing; the numeric level is what the metric exports (higher is worse). */
public enum ConnectorState {
    UP(0), DEGRADED(1), RATE_LIMITED(2), CREDENTIALS_INVALID(3);

    private final int level;

    ConnectorState(int level) {
        this.level = level;
    }

    public int level() {
        return level;
    }
}
