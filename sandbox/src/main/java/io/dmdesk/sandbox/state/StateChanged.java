package io.dmdesk.sandbox.state;

/** Published by a {@link StatePart} after each change so the snapshot gets written. */
public record StateChanged(String part) {}
