package io.dmdesk.triage.report;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import io.dmdesk.contracts.Category;
import io.dmdesk.contracts.EntitySpan;
import io.dmdesk.contracts.EventJson;
import io.dmdesk.contracts.Sensitivity;
import io.dmdesk.contracts.TriagedReport;
import io.dmdesk.contracts.Urgency;
import io.dmdesk.support.crypto.WireKeys;
import io.dmdesk.support.mongo.DocumentStore;
import io.dmdesk.support.mongo.MongoStore;
import jakarta.annotation.PostConstruct;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Pattern;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.stereotype.Component;

/**
 * Reports and which report each message belongs to. The original text lives only here; the queue serves the
 * redacted text. Unique ids (report id, message id) make every write idempotent.
 */
@Component
@DocumentStore({"reports", "messages", "conversations"})
public class ReportStore {

    static final String REPORTS = "reports";
    static final String MESSAGES = "messages";
    /**
     * One document per conversation with an open report, {@code _id} derived from the conversation key (see {@link
     * #conversationId}): the report, when it was opened and when its latest message arrived; written when a report
     * opens, moved on by follow-ups, dropped when the report closes or is erased. The per-message grouping lookup reads it by unique key, so its cost does not grow with stored reports
     * (the embedded store ignores secondary indexes and a query on the reports collection scanned it).
     */
    public static final String CONVERSATIONS = "conversations";

    /** Keys whose values are message text wherever they occur in a report document. */
    private static final Set<String> TEXT_KEYS = Set.of("text", "redactedText", "newText");

    /** Words of the message a classification reason quotes as evidence. */
    private static final Pattern QUOTED = Pattern.compile("\"[^\"]*\"");

    private final MongoStore store;
    private final WireKeys wireKeys;

    ReportStore(MongoStore store, WireKeys wireKeys) {
        this.store = store;
        this.wireKeys = wireKeys;
    }

    /**
     * Indexes for the two queries on the hot path: the open report of a conversation (every message) and the
     * queue. A real replica set needs them as the collection grows; the embedded store accepts and ignores them.
     */
    @PostConstruct
    void createIndexes() {
        var reports = store.collection(REPORTS);
        store.await(reports.createIndex(Indexes.ascending("status", "urgencyRank", "createdAt")));
        store.await(reports.createIndex(Indexes.ascending("reference")));
        backfillConversations();
    }

    /**
     * A store written before the conversation documents existed, or with pointers keyed by the plain conversation
     * key (no {@code openedAt}): drop those and point each conversation at its latest open report once, so
     * follow-ups within the grouping window still join it after the upgrade.
     */
    private void backfillConversations() {
        var conversations = store.collection(CONVERSATIONS);
        store.await(conversations.deleteMany(Filters.exists("openedAt", false)));
        if (store.await(conversations.countDocuments()) > 0) {
            return;
        }
        for (Document open : store.awaitAll(
                store.collection(REPORTS).find(Filters.eq("status", "OPEN")).sort(Sorts.ascending("lastMessageAt")))) {
            String key = open.getString("conversationKey");
            if (key != null) {
                pointAt(key, open.getString("_id"), open.getDate("createdAt"), open.getDate("lastMessageAt"));
            }
        }
    }

    /**
     * The conversation document's {@code _id}: the conversation key names the platform conversation (with X, the
     * two users' ids), so a sealing service keys it by the same HMAC pseudonym as the Kafka record ({@link
     * WireKeys}); the plain key stays only in the report document, which erasure clears.
     */
    private String conversationId(String conversationKey) {
        return wireKeys.conversation(conversationKey);
    }

    /** Points the conversation at a report opened at {@code openedAt}; replaces a pointer to an older report. */
    private void pointAt(String conversationKey, String reportId, Date openedAt, Date lastMessageAt) {
        String id = conversationId(conversationKey);
        store.await(store.collection(CONVERSATIONS)
                .replaceOne(
                        Filters.eq("_id", id),
                        new Document("_id", id)
                                .append("reportId", reportId)
                                .append("openedAt", openedAt)
                                .append("lastMessageAt", lastMessageAt),
                        new ReplaceOptions().upsert(true)));
    }

    /**
     * Moves the pointer's last message on after a follow-up, only while it still names this report: a report closed
     * or erased meanwhile gets no pointer back.
     */
    public void touchConversation(TriagedReport report) {
        store.await(store.collection(CONVERSATIONS)
                .updateOne(
                        Filters.and(
                                Filters.eq("_id", conversationId(report.source().conversationKey())),
                                Filters.eq("reportId", report.reportId())),
                        Updates.max("lastMessageAt", Date.from(report.source().receivedAt()))));
    }

    /** Drops the conversation's pointer when it names this report (closed or erased). */
    private void unpoint(String conversationKey, String reportId) {
        if (conversationKey != null) {
            store.await(store.collection(CONVERSATIONS)
                    .deleteOne(Filters.and(
                            Filters.eq("_id", conversationId(conversationKey)), Filters.eq("reportId", reportId))));
        }
    }

    /** The open report a conversation points at, as stored: one get by its unique key. */
    public Optional<ConversationPointer> conversation(String conversationKey) {
        return store.awaitOptional(store.collection(CONVERSATIONS)
                        .find(Filters.eq("_id", conversationId(conversationKey)))
                        .first())
                .map(d -> new ConversationPointer(
                        d.getString("_id"),
                        d.getString("reportId"),
                        instant(d.getDate("openedAt")),
                        instant(d.getDate("lastMessageAt"))));
    }

    /**
     * A conversation's open report: {@code id} the stored key (a pseudonym when sealing), the report, when it was
     * opened and when its latest message arrived.
     */
    public record ConversationPointer(String id, String reportId, Instant openedAt, Instant lastMessageAt) {}

    /** The ids of the reports with this reference: one, or (a 40-bit collision) more. */
    public List<String> reportIdsWithReference(String reference) {
        return store
                .awaitAll(store.collection(REPORTS)
                        .find(Filters.eq("reference", reference))
                        .projection(new Document("_id", 1))
                        .limit(10))
                .stream()
                .map(d -> d.getString("_id"))
                .toList();
    }

    public Optional<String> reportIdOfMessage(String messageId) {
        return store.awaitOptional(store.collection(MESSAGES)
                        .find(Filters.eq("_id", messageId))
                        .first())
                .map(d -> d.getString("reportId"));
    }

    public Optional<TriagedReport> find(String reportId) {
        return store.awaitOptional(store.collection(REPORTS)
                        .find(Filters.eq("_id", reportId))
                        .first())
                .map(ReportStore::event);
    }

    /** Stores a new report; when it exists already (a retried message), returns the stored one instead. */
    public TriagedReport insertOrGet(TriagedReport report) {
        boolean inserted = store.insertIfAbsent(REPORTS, toDocument(report));
        TriagedReport stored = inserted ? report : find(report.reportId()).orElseThrow();
        // Also on a retry: the first attempt may have stopped between the two writes. Messages of a conversation
        // are handled in order (its key is the record key), so no later message can have moved the pointer on.
        pointAt(
                stored.source().conversationKey(),
                stored.reportId(),
                Date.from(stored.triagedAt()),
                Date.from(stored.source().receivedAt()));
        return stored;
    }

    public void linkMessage(String messageId, String reportId) {
        store.insertIfAbsent(MESSAGES, new Document("_id", messageId).append("reportId", reportId));
    }

    /** The open report of a conversation whose last message is not older than {@code since}, if any. */
    public Optional<TriagedReport> openReportOfConversation(String conversationKey, Instant since) {
        Date from = Date.from(since);
        ConversationPointer pointer = conversation(conversationKey).orElse(null);
        if (pointer == null || pointer.lastMessageAt().isBefore(since)) {
            return Optional.empty();
        }
        // The report's own status and time decide, as before: a follow-up racing a close may have touched a pointer.
        return store.awaitOptional(store.collection(REPORTS)
                        .find(Filters.and(
                                Filters.eq("_id", pointer.reportId()),
                                Filters.eq("status", "OPEN"),
                                Filters.gte("lastMessageAt", from)))
                        .first())
                .map(ReportStore::event);
    }

    /**
     * Stores a follow-up's revision. Conditional on the revision it was built from and on the message not being
     * merged yet, so a redelivered follow-up or a concurrent one cannot bump the revision twice.
     *
     * @return false when the condition failed (already merged, or another message got there first)
     */
    public boolean applyFollowUp(TriagedReport updated, String messageId) {
        var result = store.await(store.collection(REPORTS)
                .updateOne(
                        Filters.and(
                                Filters.eq("_id", updated.reportId()),
                                Filters.eq("revision", updated.revision() - 1),
                                Filters.ne("messageIds", messageId)),
                        Updates.combine(
                                Updates.set("revision", updated.revision()),
                                Updates.set("urgencyRank", updated.urgency().ordinal()),
                                Updates.set(
                                        "lastMessageAt",
                                        Date.from(updated.source().receivedAt())),
                                Updates.set("event", Document.parse(EventJson.toJson(updated))),
                                Updates.push("messageIds", messageId),
                                Updates.push("thread", threadEntry(updated)))));
        if (result.getModifiedCount() == 1) {
            touchConversation(updated);
            return true;
        }
        return false;
    }

    /**
     * Stores an operator's reclassification as the next revision, conditional on the revision it was built from
     * (a follow-up arriving meanwhile makes it fail, and the operator sees the newer report).
     */
    public boolean reclassify(TriagedReport updated) {
        var result = store.await(store.collection(REPORTS)
                .updateOne(
                        Filters.and(
                                Filters.eq("_id", updated.reportId()), Filters.eq("revision", updated.revision() - 1)),
                        Updates.combine(
                                Updates.set("revision", updated.revision()),
                                Updates.set("urgencyRank", updated.urgency().ordinal()),
                                Updates.set("event", Document.parse(EventJson.toJson(updated))))));
        return result.getModifiedCount() == 1;
    }

    /**
     * An operator's reclassification of {@code before}: its next revision with the new urgency, category and
     * sensitivity and the old decision as the first reason, stored as by {@link #reclassify(TriagedReport)}.
     *
     * @return the stored revision; empty when the report changed meanwhile
     */
    public Optional<TriagedReport> reclassify(
            TriagedReport before, Urgency urgency, Category category, Sensitivity sensitivity, Instant at) {
        List<String> reasons = new ArrayList<>();
        reasons.add("reclassified by an operator: was " + before.urgency() + "/" + before.category() + "/"
                + before.sensitivity());
        reasons.addAll(before.reasons());
        TriagedReport after = new TriagedReport(
                TriagedReport.SCHEMA_VERSION,
                before.reportId(),
                before.reference(),
                before.revision() + 1,
                before.source(),
                urgency,
                category,
                sensitivity,
                before.language(),
                before.redactedText(),
                before.entities(),
                before.specialCategories(),
                reasons,
                before.classifierVersion(),
                before.routing(),
                at);
        return reclassify(after) ? Optional.of(after) : Optional.empty();
    }

    /**
     * Takes a report out of the queue with the outcome an operator chose, and drops its conversation's pointer (the
     * next message opens a new report); false when it was not open.
     */
    public boolean close(String reportId, String outcome, Instant at) {
        Document closed = store.awaitOptional(store.collection(REPORTS)
                        .findOneAndUpdate(
                                Filters.and(Filters.eq("_id", reportId), Filters.eq("status", "OPEN")),
                                Updates.combine(
                                        Updates.set("status", "CLOSED"),
                                        Updates.set("outcome", outcome),
                                        Updates.set("closedAt", Date.from(at)))))
                .orElse(null);
        if (closed == null) {
            return false;
        }
        unpoint(closed.getString("conversationKey"), reportId);
        return true;
    }

    /**
     * The stored report as the console reads it: status, the thread of messages (each with its original and
     * redacted text), and the citizen's edits and deletions.
     */
    public Optional<StoredReport> stored(String reportId) {
        return store.awaitOptional(store.collection(REPORTS)
                        .find(Filters.eq("_id", reportId))
                        .first())
                .map(ReportStore::storedReport);
    }

    /** Open reports as stored, most urgent first, then oldest first. */
    public List<StoredReport> openReports(int limit) {
        return store
                .awaitAll(store.collection(REPORTS)
                        .find(Filters.eq("status", "OPEN"))
                        .sort(Sorts.ascending("urgencyRank", "createdAt"))
                        .limit(limit))
                .stream()
                .map(ReportStore::storedReport)
                .toList();
    }

    /** How many reports of this urgency are open (the supervisor's queue gauge). */
    public long openCount(Urgency urgency) {
        return store.await(store.collection(REPORTS).countDocuments(openOf(urgency)));
    }

    /** When the oldest open report of this urgency was created; empty when none is open. */
    public Optional<Instant> oldestOpenCreatedAt(Urgency urgency) {
        return store.awaitOptional(store.collection(REPORTS)
                        .find(openOf(urgency))
                        .sort(Sorts.ascending("createdAt"))
                        .limit(1)
                        .first())
                .map(d -> d.getDate("createdAt"))
                .map(Date::toInstant);
    }

    private static Bson openOf(Urgency urgency) {
        return Filters.and(Filters.eq("status", "OPEN"), Filters.eq("urgencyRank", urgency.ordinal()));
    }

    /**
     * Records that the citizen edited or deleted a message of this report. The report keeps what was reported
     * (police records are not rewritten by the author); the change is kept next to it, once per change.
     */
    public boolean recordChange(String reportId, String messageId, String kind, String newText, Instant at) {
        Document change =
                new Document("messageId", messageId).append("kind", kind).append("at", Date.from(at));
        if (newText != null) {
            change.append("text", newText);
        }
        var result = store.await(store.collection(REPORTS)
                .updateOne(
                        Filters.and(
                                Filters.eq("_id", reportId),
                                Filters.not(Filters.elemMatch(
                                        "changes",
                                        Filters.and(
                                                Filters.eq("messageId", messageId),
                                                Filters.eq("kind", kind),
                                                Filters.eq("at", Date.from(at)))))),
                        Updates.push("changes", change)));
        return result.getModifiedCount() == 1;
    }

    public boolean containsMessage(String reportId, String messageId) {
        return store.awaitOptional(store.collection(REPORTS)
                        .find(Filters.and(Filters.eq("_id", reportId), Filters.eq("messageIds", messageId)))
                        .first())
                .isPresent();
    }

    /** Open reports, most urgent first, then oldest first. */
    public List<TriagedReport> queue(int limit) {
        return store
                .awaitAll(store.collection(REPORTS)
                        .find(Filters.eq("status", "OPEN"))
                        .sort(Sorts.ascending("urgencyRank", "createdAt"))
                        .limit(limit))
                .stream()
                .map(ReportStore::event)
                .toList();
    }

    // Retention: which reports are due for erasure, and the erasure itself (ErasableReports decides when).

    private static Bson notErased() {
        return Filters.exists("erasedAt", false);
    }

    /** Not erased yet and closed with this outcome before {@code closedBefore}. */
    public List<String> closedWithOutcome(String outcome, Instant closedBefore, int limit) {
        return ids(
                Filters.and(
                        notErased(),
                        Filters.eq("status", "CLOSED"),
                        Filters.eq("outcome", outcome),
                        Filters.lt("closedAt", Date.from(closedBefore))),
                limit);
    }

    /** Not erased yet and closed with an outcome not in {@code listed} before {@code closedBefore}. */
    public List<String> closedWithOtherOutcome(Set<String> listed, Instant closedBefore, int limit) {
        return ids(
                Filters.and(
                        notErased(),
                        Filters.eq("status", "CLOSED"),
                        Filters.nin("outcome", listed),
                        Filters.lt("closedAt", Date.from(closedBefore))),
                limit);
    }

    /** Not erased yet, never closed, last message before {@code before}. */
    public List<String> unclosed(Instant before, int limit) {
        return ids(
                Filters.and(
                        notErased(), Filters.ne("status", "CLOSED"), Filters.lt("lastMessageAt", Date.from(before))),
                limit);
    }

    /** Not erased yet, in one of the non-crime categories, last message before {@code before}. */
    public List<String> nonCrime(List<String> categories, Instant before, int limit) {
        return ids(
                Filters.and(
                        notErased(),
                        Filters.in("event.category", categories),
                        Filters.lt("lastMessageAt", Date.from(before))),
                limit);
    }

    /** Reports of one citizen (erased ones no longer carry the author id, so they are not found again). */
    public List<String> ofAuthor(String platformName, String authorId) {
        return ids(
                Filters.and(
                        Filters.eq("event.source.platform", platformName),
                        Filters.eq("event.source.author.id", authorId)),
                10_000);
    }

    /** The report's message ids while it still holds personal data; empty when erased or unknown. */
    public Optional<List<String>> messageIdsIfNotErased(String reportId) {
        return store.awaitOptional(store.collection(REPORTS)
                        .find(Filters.and(Filters.eq("_id", reportId), notErased()))
                        .first())
                .map(d -> d.getList("messageIds", String.class, List.of()));
    }

    /**
     * Replaces the report with its erased form, once (conditional on not being erased yet), and drops its
     * conversation's pointer. Erased: message text (original and redacted, also of edits and of the conversation
     * thread), the author's id, handle and display name, attachments, the conversation id and key. Kept: ids,
     * reference, classification, entity types and positions, routing, timestamps, status and outcome, and the
     * classification reasons without the words they quote from the message.
     *
     * @return the number of fields erased; empty when the report is unknown or erased already (or another erasure
     *     got there first)
     */
    public OptionalInt erasePersonalData(String reportId, String reason, Instant at) {
        Document current = store.awaitOptional(store.collection(REPORTS)
                        .find(Filters.and(Filters.eq("_id", reportId), notErased()))
                        .first())
                .orElse(null);
        if (current == null) {
            return OptionalInt.empty();
        }
        int[] erased = {0};
        Document replacement = (Document) erase(current, null, erased);
        replacement.put("conversationKey", null);
        replacement.put("erasedAt", Date.from(at));
        replacement.put("erasureReason", reason);
        var result = store.await(store.collection(REPORTS)
                .replaceOne(Filters.and(Filters.eq("_id", reportId), notErased()), replacement));
        if (result.getModifiedCount() != 1) {
            return OptionalInt.empty();
        }
        // The pointer's key derives from the conversation (personal data): gone with the report's.
        unpoint(current.getString("conversationKey"), reportId);
        return OptionalInt.of(erased[0]);
    }

    /** A copy with personal data removed: text keys anywhere, the author's identity, attachments, conversation id. */
    @SuppressWarnings("unchecked")
    private static Object erase(Object value, String key, int[] erased) {
        if (value instanceof Document d) {
            Document copy = new Document();
            for (Map.Entry<String, Object> e : d.entrySet()) {
                String k = e.getKey();
                Object v = e.getValue();
                if (v != null && (TEXT_KEYS.contains(k) || "conversationId".equals(k))) {
                    erased[0]++;
                    copy.put(k, null);
                } else if ("author".equals(k) && v instanceof Document) {
                    erased[0]++;
                    copy.put(k, new Document("id", null).append("handle", null).append("displayName", null));
                } else if ("reasons".equals(k) && v instanceof List<?> l) {
                    List<Object> reasons = new ArrayList<>();
                    for (Object r : l) {
                        String unquoted =
                                r instanceof String s ? QUOTED.matcher(s).replaceAll("\"...\"") : null;
                        if (unquoted != null && !unquoted.equals(r)) {
                            erased[0]++;
                        }
                        reasons.add(unquoted == null ? r : unquoted);
                    }
                    copy.put(k, reasons);
                } else if ("attachments".equals(k) && v instanceof List<?> l && !l.isEmpty()) {
                    erased[0]++;
                    copy.put(k, List.of());
                } else {
                    copy.put(k, erase(v, k, erased));
                }
            }
            return copy;
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>();
            for (Object o : list) {
                copy.add(erase(o, key, erased));
            }
            return copy;
        }
        return value;
    }

    private List<String> ids(Bson filter, int limit) {
        return store.awaitAll(store.collection(REPORTS).find(filter).limit(limit)).stream()
                .map(d -> d.getString("_id"))
                .toList();
    }

    private static Document toDocument(TriagedReport r) {
        return new Document("_id", r.reportId())
                .append("reference", r.reference())
                .append("status", "OPEN")
                .append("urgencyRank", r.urgency().ordinal())
                .append("createdAt", Date.from(r.triagedAt()))
                .append("conversationKey", r.source().conversationKey())
                .append("lastMessageAt", Date.from(r.source().receivedAt()))
                .append("revision", r.revision())
                .append("messageIds", List.of(r.source().messageId()))
                .append("thread", List.of(threadEntry(r)))
                .append("event", Document.parse(EventJson.toJson(r)));
    }

    /** One message of the report's conversation; the original text stays in this store only. */
    private static Document threadEntry(TriagedReport r) {
        return new Document("revision", r.revision())
                .append("messageId", r.source().messageId())
                .append("receivedAt", Date.from(r.source().receivedAt()))
                .append("language", r.language())
                .append("redactedText", r.redactedText())
                .append("text", r.source().text())
                .append(
                        "entityTypes",
                        r.entities().stream().map(EntitySpan::type).toList());
    }

    private static StoredReport storedReport(Document d) {
        return new StoredReport(
                d.getString("_id"),
                d.getString("status"),
                d.getString("outcome"),
                event(d),
                instant(d.getDate("lastMessageAt")),
                d.getList("messageIds", String.class, List.of()),
                d.getList("thread", Document.class, List.of()).stream()
                        .map(m -> new StoredReport.Message(
                                m.getInteger("revision"),
                                m.getString("messageId"),
                                instant(m.getDate("receivedAt")),
                                m.getString("language"),
                                m.getString("redactedText"),
                                m.getString("text"),
                                m.getList("entityTypes", String.class, List.of())))
                        .toList(),
                d.getList("changes", Document.class, List.of()).stream()
                        .map(c -> new StoredReport.Change(
                                c.getString("messageId"),
                                c.getString("kind"),
                                instant(c.getDate("at")),
                                c.getString("text")))
                        .toList());
    }

    private static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }

    private static TriagedReport event(Document d) {
        return EventJson.fromJson(d.get("event", Document.class).toJson(), TriagedReport.class);
    }
}
