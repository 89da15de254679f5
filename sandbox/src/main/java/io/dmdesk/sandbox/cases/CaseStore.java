package io.dmdesk.sandbox.cases;

import io.dmdesk.sandbox.state.StateChanged;
import io.dmdesk.sandbox.state.StatePart;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Case records keyed by reference and by idempotency key. The key check, validation and creation happen under
 * one lock, so two concurrent requests with one key can never open two records.
 */
@Component
public class CaseStore implements StatePart {

    private final Clock clock;
    private final ApplicationEventPublisher events;
    private final Map<String, CaseRecord> byReference = new LinkedHashMap<>();
    private final Map<String, String> referenceByKey = new HashMap<>();
    private long sequence;

    public CaseStore(Clock clock, ApplicationEventPublisher events) {
        this.clock = clock;
        this.events = events;
    }

    /**
     * Opens a record, or returns the one already opened with this idempotency key whatever the body.
     *
     * @param validate runs only when a new record would be opened; throws to refuse the body
     */
    Stored<CaseRecord> open(String idempotencyKey, JsonNode body, Consumer<JsonNode> validate) {
        CaseRecord record;
        synchronized (this) {
            String existing = referenceByKey.get(idempotencyKey);
            if (existing != null) {
                return new Stored<>(byReference.get(existing), true);
            }
            validate.accept(body);
            Instant now = Instant.now(clock);
            sequence++;
            String reference =
                    "CAS-%d-%06d".formatted(now.atZone(ZoneOffset.UTC).getYear(), sequence);
            record = new CaseRecord(
                    reference,
                    UUID.randomUUID().toString(),
                    body.path("externalId").asString(),
                    idempotencyKey,
                    now,
                    body.deepCopy(),
                    List.of());
            byReference.put(reference, record);
            referenceByKey.put(idempotencyKey, reference);
        }
        events.publishEvent(new StateChanged(name()));
        return new Stored<>(record, false);
    }

    /**
     * Adds a note, or returns the note already added to this record with this key; empty for an unknown record.
     *
     * @param draft validates and supplies text and author; runs only when a new note would be added
     */
    Optional<Stored<CaseNote>> addNote(String reference, String idempotencyKey, Supplier<NoteDraft> draft) {
        CaseNote note;
        synchronized (this) {
            CaseRecord record = byReference.get(reference);
            if (record == null) {
                return Optional.empty();
            }
            Optional<CaseNote> existing = record.noteWithKey(idempotencyKey);
            if (existing.isPresent()) {
                return Optional.of(new Stored<>(existing.get(), true));
            }
            NoteDraft content = draft.get();
            note = new CaseNote(
                    UUID.randomUUID().toString(), idempotencyKey, content.text(), content.author(), Instant.now(clock));
            byReference.put(reference, record.withNote(note));
        }
        events.publishEvent(new StateChanged(name()));
        return Optional.of(new Stored<>(note, false));
    }

    public synchronized Optional<CaseRecord> find(String reference) {
        return Optional.ofNullable(byReference.get(reference));
    }

    /** Every record, oldest first. */
    public synchronized List<CaseRecord> all() {
        return new ArrayList<>(byReference.values());
    }

    @Override
    public String name() {
        return "cases";
    }

    @Override
    public synchronized JsonNode snapshot(JsonMapper mapper) {
        return mapper.valueToTree(new Snapshot(sequence, all()));
    }

    @Override
    public synchronized void restore(JsonNode node, JsonMapper mapper) {
        Snapshot snapshot = mapper.treeToValue(node, Snapshot.class);
        sequence = Math.max(sequence, snapshot.sequence());
        snapshot.records().forEach(record -> {
            byReference.put(record.reference(), record);
            referenceByKey.put(record.idempotencyKey(), record.reference());
        });
    }

    /** Keeps the reference sequence: a reference a service still holds from before a reset must not come back. */
    @Override
    public synchronized void clear() {
        byReference.clear();
        referenceByKey.clear();
    }

    /** @param replayed true when the idempotency key had been seen and nothing new was stored */
    record Stored<T>(T value, boolean replayed) {}

    record NoteDraft(String text, String author) {}

    record Snapshot(long sequence, List<CaseRecord> records) {}
}
