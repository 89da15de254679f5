package io.dmdesk.audit.integrity;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import io.dmdesk.support.mongo.MongoStore;
import java.security.PublicKey;
import java.util.List;
import java.util.Map;
import org.bson.Document;

/**
 * Recomputes the stored trail chain by chain in seq order and reports OK or the first break: an edited entry (its
 * hash no longer matches its content), a deleted one (a missing seq), a broken chain or per-report link, or a
 * checkpoint whose signature or heads do not hold. Reads page by page, so memory grows with the number of reports
 * in one chain only.
 */
public class TrailVerifier {

    private static final int PAGE = 1000;

    private final MongoStore store;
    /** Every key that may have signed a checkpoint, by key id (active and retired after rotations). */
    private final Map<String, PublicKey> keys;

    public TrailVerifier(MongoStore store, PublicKey publicKey) {
        this(store, Map.of(SigningKey.keyId(publicKey), publicKey));
    }

    public TrailVerifier(MongoStore store, Map<String, PublicKey> keys) {
        this.store = store;
        this.keys = Map.copyOf(keys);
    }

    /**
     * What was checked, and the first break if any.
     *
     * @param entries     entries verified before the first break (all of them when ok)
     * @param chains      the head of every chain verified (up to the break)
     * @param checkpoints checkpoints considered
     */
    public record Verification(boolean ok, long entries, List<Head> chains, int checkpoints, Break firstBreak) {}

    /**
     * @param chain   the chain that breaks
     * @param seq     where it breaks (for a deletion: the first missing seq)
     * @param entryId the entry at fault (null when it was deleted)
     * @param problem EDITED, DELETED, CHAIN_BROKEN, REPORT_CHAIN_BROKEN, CHECKPOINT_INVALID, TRUNCATED, or in an
     *                export OUT_OF_ORDER
     */
    public record Break(int chain, long seq, String entryId, String problem, String detail) {}

    public Verification verify() {
        ChainCheck check = new ChainCheck(
                store.awaitAll(store.collection(Trail.CHECKPOINTS).find()), keys, true);
        for (int chain : Checkpoints.chains(store)) {
            long after = 0;
            while (true) {
                List<Document> page = store.awaitAll(store.collection(Trail.ENTRIES)
                        .find(Filters.and(Filters.eq("chain", chain), Filters.gt("seq", after)))
                        .sort(Sorts.ascending("seq"))
                        .limit(PAGE));
                if (page.isEmpty()) {
                    break;
                }
                for (Document entry : page) {
                    Break broken = check.entry(entry);
                    if (broken != null) {
                        return result(check, broken);
                    }
                    after = ((Number) entry.get("seq")).longValue();
                }
            }
        }
        return result(check, check.end(null));
    }

    static Verification result(ChainCheck check, Break broken) {
        return new Verification(broken == null, check.entries(), check.heads(), check.checkpoints(), broken);
    }
}
