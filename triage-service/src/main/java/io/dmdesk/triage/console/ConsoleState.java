package io.dmdesk.triage.console;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import io.dmdesk.support.mongo.MongoStore;
import java.time.Instant;
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
 * upsert or a conditional update, so a redelivered event or a double click changes it once.
 */
@Component
class ConsoleState {

    static final String COLLECTION = "console";

    private final MongoStore store;

    ConsoleState(MongoStore store) {
        this.store = store;
    }

    Optional<Document> find(String reportId) {
        return store.awaitOptional(
                store.collection(COLLECTION).find(Filters.eq("_id", reportId)).first());
    }

    Map<String, Document> findAll(Collection<String> reportIds) {
        Map<String, Document> byId = new HashMap<>();
        if (!reportIds.isEmpty()) {
            store.awaitAll(store.collection(COLLECTION).find(Filters.in("_id", reportIds)))
                    .forEach(d -> byId.put(d.getString("_id"), d));
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
    void reclassified(String reportId, Document original, Document change) {
        upsert(reportId, Updates.setOnInsert("original", original));
        store.await(store.collection(COLLECTION)
                .updateOne(Filters.eq("_id", reportId), Updates.push("reclassifications", change)));
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
    void messageSent(String reportId, Document sent) {
        upsert(reportId, Updates.setOnInsert("createdAt", new Date()));
        store.await(store.collection(COLLECTION)
                .updateOne(
                        Filters.and(Filters.eq("_id", reportId), Filters.ne("sent.key", sent.getString("key"))),
                        Updates.push("sent", sent)));
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

    static List<Document> list(Document state, String field) {
        return state == null ? List.of() : state.getList(field, Document.class, List.of());
    }

    private void upsert(String reportId, Bson update) {
        store.await(store.collection(COLLECTION)
                .updateOne(Filters.eq("_id", reportId), update, new UpdateOptions().upsert(true)));
    }
}
