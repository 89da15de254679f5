package io.dmdesk.audit.integrity;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import io.dmdesk.support.mongo.DocumentStore;
import io.dmdesk.support.mongo.MongoStore;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.bson.Document;

/**
 * Reads the trail's entries exactly as they are stored, chain by chain in seq order, page by page. Read-only:
 * {@code AuditStore} writes the entries and turns them into typed {@code AuditEntry} records. Verification and
 * export need the stored form instead, because an entry is intact only if the hash covers every field it holds,
 * including one a tamperer added that no typed record would keep. What leaves this class is a plain map, so no
 * caller depends on the driver's document type.
 */
@DocumentStore("audit_entries")
public final class StoredChains {

    private static final int PAGE = 1000;

    private final MongoStore store;

    public StoredChains(MongoStore store) {
        this.store = store;
    }

    /** The chains that have entries, ascending. */
    public List<Integer> chains() {
        return Checkpoints.chains(store);
    }

    /**
     * Hands each entry of one chain, as stored, to {@code visitor} in seq order until it returns false.
     *
     * @return false when the visitor stopped early
     */
    public boolean forEach(int chain, Predicate<Map<String, Object>> visitor) {
        long after = 0;
        while (true) {
            List<Document> page = store.awaitAll(store.collection(Trail.ENTRIES)
                    .find(Filters.and(Filters.eq("chain", chain), Filters.gt("seq", after)))
                    .sort(Sorts.ascending("seq"))
                    .limit(PAGE));
            if (page.isEmpty()) {
                return true;
            }
            for (Document entry : page) {
                if (!visitor.test(entry)) {
                    return false;
                }
            }
            after = ((Number) page.get(page.size() - 1).get("seq")).longValue();
        }
    }
}
