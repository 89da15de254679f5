package io.dmdesk.audit.integrity;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import io.dmdesk.support.mongo.MongoStore;
import java.security.PublicKey;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.bson.Document;

/**
 * Recomputes the stored trail in seq order and reports OK or the first broken link: an edited entry (its hash no
 * longer matches its content), a deleted one (a missing seq), a broken global or per-report link, or a checkpoint
 * whose signature or hash does not hold. Reads page by page, so memory grows with the number of reports only.
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

    /** What was checked, and the first break if any. */
    public record Verification(boolean ok, long entries, long lastSeq, String lastHash, int checkpoints,
                               Break firstBreak) {
    }

    /**
     * @param seq     where the trail breaks (for a deletion: the first missing seq)
     * @param entryId the stored entry at fault (null when it was deleted)
     * @param problem EDITED, DELETED, CHAIN_BROKEN, REPORT_CHAIN_BROKEN, CHECKPOINT_INVALID or TRUNCATED
     */
    public record Break(long seq, String entryId, String problem, String detail) {
    }

    public Verification verify() {
        TreeMap<Long, Document> checkpoints = new TreeMap<>();
        store.awaitAll(store.collection(Trail.CHECKPOINTS).find()).forEach(c -> checkpoints.put(number(c, "seq"), c));
        Map<String, String> reportHeads = new HashMap<>();
        long count = 0;
        long lastSeq = 0;
        String lastHash = EntryHash.GENESIS;
        while (true) {
            List<Document> page = store.awaitAll(store.collection(Trail.ENTRIES).find(Filters.gt("seq", lastSeq))
                    .sort(Sorts.ascending("seq")).limit(PAGE));
            if (page.isEmpty()) {
                break;
            }
            for (Document entry : page) {
                long seq = number(entry, "seq");
                String id = String.valueOf(entry.get("_id"));
                Break broken;
                try {
                    broken = check(entry, seq, id, lastSeq, lastHash, reportHeads, checkpoints);
                } catch (ClassCastException e) {
                    broken = new Break(seq, id, "EDITED", "a chain field has the wrong type");
                }
                if (broken != null) {
                    return new Verification(false, count, lastSeq, lastHash, checkpoints.size(), broken);
                }
                count++;
                lastSeq = seq;
                lastHash = entry.getString("hash");
                reportHeads.put(entry.getString("reportKey"), lastHash);
            }
        }
        Map.Entry<Long, Document> beyond = checkpoints.higherEntry(lastSeq);
        if (beyond != null) {
            return new Verification(false, count, lastSeq, lastHash, checkpoints.size(), new Break(lastSeq + 1, null,
                    "TRUNCATED", "checkpoint at seq " + beyond.getKey() + " but the trail ends at seq " + lastSeq
                    + ": the newest entries were deleted"));
        }
        return new Verification(true, count, lastSeq, lastHash, checkpoints.size(), null);
    }

    private Break check(Document entry, long seq, String id, long lastSeq, String lastHash,
                        Map<String, String> reportHeads, TreeMap<Long, Document> checkpoints) {
        if (seq != lastSeq + 1) {
            return new Break(lastSeq + 1, null, "DELETED", "seq " + (lastSeq + 1)
                    + (seq - 1 > lastSeq + 1 ? " to " + (seq - 1) : "") + " missing before entry " + id + " (seq "
                    + seq + ")");
        }
        String stored = entry.getString("hash");
        String recomputed = EntryHash.of(entry);
        if (!recomputed.equals(stored)) {
            return new Break(seq, id, "EDITED", "hash mismatch: the stored content does not match its hash");
        }
        if (!lastHash.equals(entry.getString("prevHash"))) {
            return new Break(seq, id, "CHAIN_BROKEN", "prevHash does not match the hash of seq " + lastSeq);
        }
        String reportHead = reportHeads.getOrDefault(entry.getString("reportKey"), EntryHash.GENESIS);
        if (!reportHead.equals(entry.getString("reportPrevHash"))) {
            return new Break(seq, id, "REPORT_CHAIN_BROKEN",
                    "reportPrevHash does not match the hash of the report's previous entry");
        }
        Document checkpoint = checkpoints.get(seq);
        if (checkpoint != null) {
            String keyId = checkpoint.getString("keyId");
            if (keyId != null && !keys.containsKey(keyId)) {
                return new Break(seq, id, "CHECKPOINT_INVALID", "the checkpoint is signed by key " + keyId
                        + ", which is not among the known keys (add it to dmdesk.audit.signing.retired-public-key-files)");
            }
            if (!signatureHolds(checkpoint, keyId)) {
                return new Break(seq, id, "CHECKPOINT_INVALID", "the checkpoint's signature does not verify");
            }
            if (!stored.equals(checkpoint.getString("hash"))) {
                return new Break(seq, id, "CHECKPOINT_INVALID",
                        "the entry's hash differs from the signed checkpoint: the trail was rewritten");
            }
        }
        return null;
    }

    /** Numbers as stored: an edit with another tool may turn an int64 into an int32, which must not stop us. */
    private static long number(Document document, String field) {
        return ((Number) document.get(field)).longValue();
    }

    /** With the key the checkpoint names; a checkpoint without a key id (none are written so) must hold under one key. */
    private boolean signatureHolds(Document checkpoint, String keyId) {
        try {
            byte[] signature = Base64.getDecoder().decode(checkpoint.getString("signature"));
            byte[] payload = Checkpoints.payload(number(checkpoint, "seq"), checkpoint.getString("hash"),
                    checkpoint.getDate("time").toInstant());
            if (keyId == null) {
                return keys.values().stream().anyMatch(k -> SigningKey.verify(k, payload, signature));
            }
            return SigningKey.verify(keys.get(keyId), payload, signature);
        } catch (RuntimeException e) {
            return false;
        }
    }
}
