package io.dmdesk.contracts;

/** Who wrote a message, as the platform names them. */
public record Author(String id, String handle, String displayName) {}
