package io.dmdesk.triage.console;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import io.dmdesk.support.mongo.DocumentStore;
import io.dmdesk.support.mongo.MongoStore;
import io.dmdesk.triage.console.ConsoleRecord.Decision;
import io.dmdesk.triage.console.ConsoleRecord.Note;
import io.dmdesk.triage.console.ConsoleRecord.Reclassification;
import io.dmdesk.triage.console.ConsoleRecord.Sent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.stereotype.Component;

/**
 * What the console adds to a report, one document per report id: who claimed it, notes, the original decision
 * before any reclassification, the case reference and the messages sent to the citizen. Every write is an
 * upsert or a conditional update, so a redelivered event or a double click changes it once. Alone knows the
 * field names of {@code console}; the rest of the console reads {@link ConsoleRecord}.
 */
@Component
@DocumentStore(ConsoleState.COLLECTION)
public class ConsoleState {

    static final String COLLECTION = "console";

    private final MongoStore store;

    ConsoleState(MongoStore store) {
        this.store = store;
    }

    Optional<ConsoleRecord> find(String reportId) {
        return store.awaitOptional(store.collection(COLLECTION)
                        .find(Filters.eq("_id", reportId))
                        .first())
                .map(ConsoleState::record);
    }

    Map<String, ConsoleRecord> findAll(Collection<String> reportIds) {
        Map<String, ConsoleRecord> byId = new HashMap<>();
        if (!reportIds.isEmpty()) {
            store.awaitAll(store.collection(COLLECTION).find(Filters.in("_id", reportIds)))
                    .forEach(d -> byId.put(d.getString("_id"), record(d)));
        }
        return byId;
    }

    /** Claims the report for this person unless someone else holds it; true when this person holds it now. */
    boolean claim(String reportId, String person, Instant at) {
        upsert(reportId, Updates.setOnInsert("createdAt", Date.from(at)));
        var result = store.await(store.collection(COLLECTION)
                .updateOne(
                        Filters.and(
                                Filters.eq("_id", reportId),
                                Filters.or(Filters.eq("claimedBy", null), Filters.eq("claimedBy", person))),
                        Updates.combine(Updates.set("claimedBy", person), Updates.set("claimedAt", Date.from(at)))));
        return result.getMatchedCount() == 1;
    }

    /** Releases a claim held by this person (a supervisor's override is not a console action yet). */
    boolean release(String reportId, String person) {
        var result = store.await(store.collection(COLLECTION)
                .updateOne(
                        Filters.and(Filters.eq("_id", reportId), Filters.eq("claimedBy", person)),
                        Updates.combine(Updates.set("claimedBy", null), Updates.set("claimedAt", null))));
        return result.getModifiedCount() == 1;
    }

    void addNote(String reportId, String noteId, String person, String text, Instant at) {
        upsert(reportId, Updates.setOnInsert("createdAt", Date.from(at)));
        store.await(store.collection(COLLECTION)
                .updateOne(
                        Filters.and(Filters.eq("_id", reportId), Filters.ne("notes.id", noteId)),
                        Updates.push(
                                "notes",
                                new Document("id", noteId)
                                        .append("by", person)
                                        .append("at", Date.from(at))
                                        .append("text", text))));
    }

    /** Keeps the first (machine) decision for evaluation and appends this change to the history. */
    void reclassified(String reportId, Decision original, Reclassification change) {
        upsert(reportId, Updates.setOnInsert("original", decision(original)));
        store.await(store.collection(COLLECTION)
                .updateOne(
                        Filters.eq("_id", reportId),
                        Updates.push(
                                "reclassifications",
                                decision(change.decision())
                                        .append("by", change.by())
                                        .append("at", Date.from(change.at()))
                                        .append("reason", change.reason()))));
    }

    void caseOpened(String reportId, String caseSystem, String caseReference, Instant openedAt) {
        upsert(
                reportId,
                Updates.combine(
                        Updates.set("caseSystem", caseSystem),
                        Updates.set("caseReference", caseReference),
                        Updates.set("caseOpenedAt", Date.from(openedAt))));
    }

    /** One entry per platform message id, so a redelivered event is recorded once. */
    void messageSent(String reportId, Sent sent) {
        upsert(reportId, Updates.setOnInsert("createdAt", new Date()));
        store.await(store.collection(COLLECTION)
                .updateOne(
                        Filters.and(Filters.eq("_id", reportId), Filters.ne("sent.key", sent.key())),
                        Updates.push(
                                "sent",
                                new Document("key", sent.key())
                                        .append("kind", sent.kind())
                                        .append("template", sent.template())
                                        .append("language", sent.language())
                                        .append("platformMessageId", sent.platformMessageId())
                                        .append("sentAt", Date.from(sent.sentAt())))));
    }

    void closed(String reportId, String person, String outcome, Instant at) {
        upsert(
                reportId,
                Updates.combine(
                        Updates.set("closedBy", person),
                        Updates.set("outcome", outcome),
                        Updates.set("closedAt", Date.from(at)),
                        Updates.set("claimedBy", null)));
    }

    /**
     * Erasure of a report's personal data, console side: operator notes may quote the citizen, so their text goes;
     * ids and who/when stay. Marks the state erased.
     *
     * @return the number of fields erased (0 when the console never touched the report)
     */
    public int erasePersonalData(String reportId, Instant at) {
        Document current = store.awaitOptional(store.collection(COLLECTION)
                        .find(Filters.eq("_id", reportId))
                        .first())
                .orElse(null);
        if (current == null) {
            return 0;
        }
        int erased = 0;
        if (current.containsKey("notes")) {
            List<Document> notes = new ArrayList<>();
            for (Document note : list(current, "notes")) {
                Document copy = new Document(note);
                if (copy.get("text") != null) {
                    erased++;
                    copy.put("text", null);
                }
                notes.add(copy);
            }
            current.put("notes", notes);
        }
        current.put("erasedAt", Date.from(at));
        store.await(store.collection(COLLECTION).replaceOne(Filters.eq("_id", reportId), current));
        return erased;
    }

    private static ConsoleRecord record(Document d) {
        Document original = d.get("original", Document.class);
        return new ConsoleRecord(
                d.getString("_id"),
                d.getString("claimedBy"),
                d.getString("caseSystem"),
                d.getString("caseReference"),
                instant(d.getDate("caseOpenedAt")),
                list(d, "sent").stream()
                        .map(s -> new Sent(
                                s.getString("key"),
                                s.getString("kind"),
                                s.getString("template"),
                                s.getString("language"),
                                s.getString("platformMessageId"),
                                instant(s.getDate("sentAt"))))
                        .toList(),
                list(d, "notes").stream()
                        .map(n -> new Note(
                                n.getString("id"), n.getString("by"), instant(n.getDate("at")), n.getString("text")))
                        .toList(),
                original == null ? null : decision(original),
                list(d, "reclassifications").stream()
                        .map(c -> new Reclassification(
                                decision(c), c.getString("by"), instant(c.getDate("at")), c.getString("reason")))
                        .toList());
    }

    private static Decision decision(Document d) {
        return new Decision(
                d.getString("urgency"),
                d.getString("category"),
                d.getString("sensitivity"),
                d.getString("classifierVersion"),
                d.getInteger("revision"));
    }

    private static Document decision(Decision d) {
        return new Document("urgency", d.urgency())
                .append("category", d.category())
                .append("sensitivity", d.sensitivity())
                .append("classifierVersion", d.classifierVersion())
                .append("revision", d.revision());
    }

    private static List<Document> list(Document d, String field) {
        return d.getList(field, Document.class, List.of());
    }

    private static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }

    private void upsert(String reportId, Bson update) {
        store.await(store.collection(COLLECTION)
                .updateOne(Filters.eq("_id", reportId), update, new UpdateOptions().upsert(true)));
    }
}
