package io.dmdesk.casebridge.link;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.dmdesk.support.mongo.DocumentStore;
import io.dmdesk.support.mongo.MongoStore;
import java.time.Clock;
import java.util.Date;
import java.util.Optional;
import org.bson.Document;
import org.springframework.stereotype.Component;

/**
 * Report-to-record links, keyed by report id: written PENDING before the call to the case system and
 * OPENED with the case reference after, so a redelivered report never opens a second record.
 */
@Component
@DocumentStore("case_links")
public class CaseLinks {

    private static final String COLLECTION = "case_links";

    private final MongoStore store;
    private final Clock clock;

    CaseLinks(MongoStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    public Optional<Link> find(String reportId) {
        return store.awaitOptional(store.collection(COLLECTION)
                        .find(Filters.eq("_id", reportId))
                        .first())
                .map(d -> new Link(
                        d.getString("_id"),
                        d.getString("state"),
                        d.getString("caseReference"),
                        d.getInteger("revision", 1)));
    }

    public void markPending(String reportId) {
        store.insertIfAbsent(
                COLLECTION,
                new Document("_id", reportId)
                        .append("state", "PENDING")
                        .append("createdAt", Date.from(clock.instant())));
    }

    public void markOpened(String reportId, String caseReference) {
        store.await(store.collection(COLLECTION)
                .updateOne(
                        Filters.eq("_id", reportId),
                        Updates.combine(
                                Updates.set("state", "OPENED"),
                                Updates.set("caseReference", caseReference),
                                Updates.set("revision", 1),
                                Updates.set("openedAt", Date.from(clock.instant())))));
    }

    /**
     * Records the decision not to open a record for this revision (PENDING or SKIPPED links only: an opened
     * record stays opened). A later revision that is a crime opens the record after all.
     */
    public void markSkipped(String reportId, int revision, String reason) {
        store.insertIfAbsent(
                COLLECTION,
                new Document("_id", reportId)
                        .append("state", "SKIPPED")
                        .append("createdAt", Date.from(clock.instant())));
        store.await(store.collection(COLLECTION)
                .updateOne(
                        Filters.and(Filters.eq("_id", reportId), Filters.in("state", "PENDING", "SKIPPED")),
                        Updates.combine(
                                Updates.set("state", "SKIPPED"),
                                Updates.set("revision", revision),
                                Updates.set("reason", reason),
                                Updates.set("decidedAt", Date.from(clock.instant())))));
    }

    /** Records that a later revision was added to the record as a note. */
    public void markRevision(String reportId, int revision) {
        store.await(store.collection(COLLECTION)
                .updateOne(
                        Filters.and(Filters.eq("_id", reportId), Filters.lt("revision", revision)),
                        Updates.set("revision", revision)));
    }

    /** @param revision the latest report revision the record holds */
    public record Link(String reportId, String state, String caseReference, int revision) {
        public boolean opened() {
            return "OPENED".equals(state);
        }

        public boolean skipped() {
            return "SKIPPED".equals(state);
        }
    }
}
