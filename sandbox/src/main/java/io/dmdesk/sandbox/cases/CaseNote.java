package io.dmdesk.sandbox.cases;

import java.time.Instant;

/** A follow-up added to a case record; author may be null. */
public record CaseNote(String noteId, String idempotencyKey, String text, String author, Instant createdAt) {}
