package io.dmdesk.triage.learning;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Sorts;
import io.dmdesk.contracts.Category;
import io.dmdesk.contracts.Channel;
import io.dmdesk.contracts.Urgency;
import io.dmdesk.support.mongo.DocumentStore;
import io.dmdesk.support.mongo.MongoStore;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.springframework.stereotype.Component;

/**
 * The store of {@link OperatorLabel}s (collection {@code labelled_examples}); the only class that knows its field
 * names. One document per reclassification (id = report and revision), so a retried request writes it once.
 * The examples live as long as their report's personal data: erasing a report (retention or request) deletes them.
 */
@Component
@DocumentStore("labelled_examples")
public class OperatorLabels {

    static final String COLLECTION = "labelled_examples";

    private final MongoStore store;

    OperatorLabels(MongoStore store) {
        this.store = store;
    }

    public void record(OperatorLabel l) {
        Document d = new Document("_id", l.id())
                .append("reportId", l.reportId())
                .append("channel", l.channel().name())
                .append("language", l.language())
                .append("redactedText", l.redactedText())
                .append("urgency", l.urgency().name())
                .append("category", l.category().name())
                .append("machineUrgency", l.machineUrgency().name())
                .append("machineCategory", l.machineCategory().name())
                .append("classifierVersion", l.classifierVersion())
                .append("labelledBy", l.labelledBy())
                .append("labelledAt", Date.from(l.labelledAt()));
        store.await(store.collection(COLLECTION)
                .replaceOne(Filters.eq("_id", l.id()), d, new ReplaceOptions().upsert(true)));
    }

    /** Every example, oldest first. */
    public List<OperatorLabel> all() {
        return store.awaitAll(store.collection(COLLECTION).find().sort(Sorts.ascending("labelledAt"))).stream()
                .map(OperatorLabels::label)
                .toList();
    }

    /** Deletes the examples of an erased report; returns how many there were. */
    public long eraseReport(String reportId) {
        return store.await(store.collection(COLLECTION).deleteMany(Filters.eq("reportId", reportId)))
                .getDeletedCount();
    }

    private static OperatorLabel label(Document d) {
        return new OperatorLabel(
                d.getString("_id"),
                d.getString("reportId"),
                Channel.valueOf(d.getString("channel")),
                d.getString("language"),
                d.getString("redactedText"),
                Urgency.valueOf(d.getString("urgency")),
                Category.valueOf(d.getString("category")),
                Urgency.valueOf(d.getString("machineUrgency")),
                Category.valueOf(d.getString("machineCategory")),
                d.getString("classifierVersion"),
                d.getString("labelledBy"),
                d.getDate("labelledAt").toInstant());
    }
}
