package io.dmdesk.sandbox.cases;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * A record in the simulated case system, with the request body exactly as the product sent it, so tests can
 * assert what reached the force. Immutable: adding a note makes a new value.
 */
public record CaseRecord(
        String reference,
        String id,
        String externalId,
        String idempotencyKey,
        Instant createdAt,
        JsonNode body,
        List<CaseNote> notes) {

    public CaseRecord {
        notes = List.copyOf(notes);
    }

    CaseRecord withNote(CaseNote note) {
        List<CaseNote> more = new ArrayList<>(notes);
        more.add(note);
        return new CaseRecord(reference, id, externalId, idempotencyKey, createdAt, body, more);
    }

    Optional<CaseNote> noteWithKey(String key) {
        return notes.stream().filter(note -> note.idempotencyKey().equals(key)).findFirst();
    }
}
