package io.dmdesk.contracts;

/**
 * The force's or officer's account a message reached, with its routing. {@code outOfHours} is set by
 * intake when an officer's own account receives a message outside the officer's duty hours, so the
 * control room takes it over and the citizen is told.
 */
public record MonitoredAccount(
        String id, String handle, String team, String district, boolean officer, boolean outOfHours) {}
