package io.dmdesk.sandbox.cases;

import io.dmdesk.sandbox.state.Timestamps;
import java.util.LinkedHashMap;
import java.util.Map;

/** The JSON views of records and notes, shared by the case API and the control API. */
public final class CaseJson {

    private CaseJson() {}

    /** What POST /records answers, the first time and on every replay. */
    static Map<String, Object> created(CaseRecord record) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("reference", record.reference());
        json.put("id", record.id());
        json.put("externalId", record.externalId());
        json.put("createdAt", Timestamps.iso(record.createdAt()));
        return json;
    }

    /** The whole record: body as sent and its notes; the idempotency keys only when asked (control API). */
    public static Map<String, Object> full(CaseRecord record, boolean withIdempotencyKeys) {
        Map<String, Object> json = created(record);
        if (withIdempotencyKeys) {
            json.put("idempotencyKey", record.idempotencyKey());
        }
        json.put("body", record.body());
        json.put(
                "notes",
                record.notes().stream()
                        .map(note -> note(record.reference(), note, withIdempotencyKeys))
                        .toList());
        return json;
    }

    static Map<String, Object> note(String reference, CaseNote note, boolean withIdempotencyKey) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("noteId", note.noteId());
        json.put("reference", reference);
        json.put("text", note.text());
        json.put("author", note.author());
        json.put("createdAt", Timestamps.iso(note.createdAt()));
        if (withIdempotencyKey) {
            json.put("idempotencyKey", note.idempotencyKey());
        }
        return json;
    }
}
