package io.dmdesk.contracts;

/** Which team and district should handle a report, and why. */
public record Routing(String team, String district, String reason) {}
