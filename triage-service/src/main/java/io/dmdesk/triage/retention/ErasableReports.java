package io.dmdesk.triage.retention;

import com.mongodb.client.model.Filters;
import io.dmdesk.support.mongo.MongoStore;
import io.dmdesk.triage.report.ReportStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.stereotype.Component;

/**
 * The retention view of triage's {@code reports} collection: which reports are due for erasure, and the erasure
 * itself. Kept apart from {@code ReportStore} (the pipeline's view) so retention changes nothing on the hot path.
 * Erased: message text (original and redacted, also of edits and of the conversation thread), the author's id,
 * handle and display name, attachments, the conversation id and key. Kept: ids, reference, classification,
 * entity types and positions, routing, timestamps, status and outcome, and the classification reasons without the
 * words they quote from the message. The console's per-report document loses the text of operator notes.
 */
@Component
class ErasableReports {

    static final String REPORTS = "reports";
    /** The operator console's per-report state (notes, claims, what was sent), keyed by report id. */
    static final String CONSOLE = "console";
    /** Keys whose values are message text wherever they occur in a report document. */
    private static final Set<String> TEXT_KEYS = Set.of("text", "redactedText", "newText");

    /** Words of the message a classification reason quotes as evidence. */
    private static final Pattern QUOTED = Pattern.compile("\"[^\"]*\"");

    private final MongoStore store;

    ErasableReports(MongoStore store) {
        this.store = store;
    }

    private static Bson notErased() {
        return Filters.exists("erasedAt", false);
    }

    /** Not erased yet and closed with this outcome before {@code closedBefore}. */
    List<String> closedWithOutcome(String outcome, Instant closedBefore, int limit) {
        return ids(
                Filters.and(
                        notErased(),
                        Filters.eq("status", "CLOSED"),
                        Filters.eq("outcome", outcome),
                        Filters.lt("closedAt", Date.from(closedBefore))),
                limit);
    }

    /** Not erased yet and closed with an outcome not in {@code listed} before {@code closedBefore}. */
    List<String> closedWithOtherOutcome(Set<String> listed, Instant closedBefore, int limit) {
        return ids(
                Filters.and(
                        notErased(),
                        Filters.eq("status", "CLOSED"),
                        Filters.nin("outcome", listed),
                        Filters.lt("closedAt", Date.from(closedBefore))),
                limit);
    }

    /** Not erased yet, never closed, last message before {@code before}. */
    List<String> unclosed(Instant before, int limit) {
        return ids(
                Filters.and(
                        notErased(), Filters.ne("status", "CLOSED"), Filters.lt("lastMessageAt", Date.from(before))),
                limit);
    }

    /** Not erased yet, in one of the non-crime categories, last message before {@code before}. */
    List<String> nonCrime(List<String> categories, Instant before, int limit) {
        return ids(
                Filters.and(
                        notErased(),
                        Filters.in("event.category", categories),
                        Filters.lt("lastMessageAt", Date.from(before))),
                limit);
    }

    /** Reports of one citizen (erased ones no longer carry the author id, so they are not found again). */
    List<String> ofAuthor(String platformName, String authorId) {
        return ids(
                Filters.and(
                        Filters.eq("event.source.platform", platformName),
                        Filters.eq("event.source.author.id", authorId)),
                10_000);
    }

    /** The report's message ids while it still holds personal data; empty when erased or unknown. */
    Optional<List<String>> messageIdsIfNotErased(String reportId) {
        return store.awaitOptional(store.collection(REPORTS)
                        .find(Filters.and(Filters.eq("_id", reportId), notErased()))
                        .first())
                .map(d -> d.getList("messageIds", String.class, List.of()));
    }

    /**
     * Replaces the report with its erased form, once (conditional on not being erased yet).
     *
     * @return the number of fields erased, 0 when another erasure got there first
     */
    int erasePersonalData(String reportId, String reason, Instant at) {
        Document current = store.awaitOptional(store.collection(REPORTS)
                        .find(Filters.and(Filters.eq("_id", reportId), notErased()))
                        .first())
                .orElse(null);
        if (current == null) {
            return 0;
        }
        int[] erased = {0};
        Document replacement = (Document) erase(current, null, erased);
        replacement.put("conversationKey", null);
        replacement.put("erasedAt", Date.from(at));
        replacement.put("erasureReason", reason);
        var result = store.await(store.collection(REPORTS)
                .replaceOne(Filters.and(Filters.eq("_id", reportId), notErased()), replacement));
        if (result.getModifiedCount() != 1) {
            return 0;
        }
        // The conversation's pointer names the conversation (personal data) in its key: gone with the report's.
        String conversationKey = current.getString("conversationKey");
        if (conversationKey != null) {
            store.await(store.collection(ReportStore.CONVERSATIONS)
                    .deleteOne(Filters.and(Filters.eq("_id", conversationKey), Filters.eq("reportId", reportId))));
        }
        // The console's state of the report (operator notes may quote the citizen); same rules, ids and who/when kept.
        Document console = store.awaitOptional(store.collection(CONSOLE)
                        .find(Filters.eq("_id", reportId))
                        .first())
                .orElse(null);
        if (console != null) {
            Document erasedConsole = (Document) erase(console, null, erased);
            erasedConsole.put("erasedAt", Date.from(at));
            store.await(store.collection(CONSOLE).replaceOne(Filters.eq("_id", reportId), erasedConsole));
        }
        return erased[0];
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
}
