package io.dmdesk.audit.integrity;

import io.dmdesk.support.mongo.MongoStore;
import java.security.PublicKey;
import java.util.List;
import java.util.Map;

/**
 * Recomputes the stored trail chain by chain in seq order and reports OK or the first break: an edited entry (its
 * hash no longer matches its content), a deleted one (a missing seq), a broken chain or per-report link, or a
 * checkpoint whose signature or heads do not hold. Reads page by page, so memory grows with the number of reports
 * in one chain only.
 */
public class TrailVerifier {

    private final StoredChains entries;
    private final MongoStore store;
    /** Every key that may have signed a checkpoint, by key id (active and retired after rotations). */
    private final Map<String, PublicKey> keys;

    public TrailVerifier(MongoStore store, PublicKey publicKey) {
        this(store, Map.of(SigningKey.keyId(publicKey), publicKey));
    }

    public TrailVerifier(MongoStore store, Map<String, PublicKey> keys) {
        this.entries = new StoredChains(store);
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
        ChainCheck check = new ChainCheck(Checkpoints.stored(store), keys, true);
        Break[] broken = new Break[1];
        for (int chain : entries.chains()) {
            boolean intact = entries.forEach(chain, entry -> {
                broken[0] = check.entry(entry);
                return broken[0] == null;
            });
            if (!intact) {
                return result(check, broken[0]);
            }
        }
        return result(check, check.end(null));
    }

    static Verification result(ChainCheck check, Break broken) {
        return new Verification(broken == null, check.entries(), check.heads(), check.checkpoints(), broken);
    }
}
