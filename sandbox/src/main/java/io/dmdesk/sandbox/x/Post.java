package io.dmdesk.sandbox.x;

import java.time.Instant;

/** A public post by a citizen that mentions a monitored account. */
record Post(long id, String authorId, String mentionedId, String text, Instant createdAt) {}
