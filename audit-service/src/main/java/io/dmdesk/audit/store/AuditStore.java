package io.dmdesk.audit.store;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import io.dmdesk.contracts.AuditEvent;
import io.dmdesk.contracts.EventJson;
import io.dmdesk.support.mongo.MongoStore;
import java.time.Clock;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.springframework.stereotype.Component;

/**
 * Append-only: entries are inserted under their event id and never updated or deleted by this service, so a
 * redelivered event is stored once. Hash chaining of entries builds on this collection.
 */
@Component
public class AuditStore {

    static final String COLLECTION = "audit_entries";

    private final MongoStore store;
    private final Clock clock;

    AuditStore(MongoStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** @return false when the event was stored before */
    public boolean append(AuditEvent event) {
        Document entry = Document.parse(EventJson.toJson(event))
                .append("_id", event.eventId())
                .append("storedAt", Date.from(clock.instant()));
        return store.insertIfAbsent(COLLECTION, entry);
    }

    public List<AuditEvent> timeline(String reportId) {
        return store.awaitAll(store.collection(COLLECTION)
                        .find(Filters.or(Filters.eq("reportId", reportId), Filters.eq("subjectId", reportId)))
                        .sort(Sorts.ascending("storedAt")))
                .stream().map(AuditStore::event).toList();
    }

    public List<AuditEvent> bySubject(String subjectId) {
        return store.awaitAll(store.collection(COLLECTION).find(Filters.eq("subjectId", subjectId))
                .sort(Sorts.ascending("storedAt"))).stream().map(AuditStore::event).toList();
    }

    private static AuditEvent event(Document d) {
        d.remove("_id");
        d.remove("storedAt");
        return EventJson.fromJson(d.toJson(), AuditEvent.class);
    }
}
