package io.dmdesk.audit.integrity;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import io.dmdesk.support.mongo.DocumentStore;
import io.dmdesk.support.mongo.MongoStore;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.bson.BsonValue;
import org.bson.Document;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Signed checkpoints: a signed statement that at {@code time} every chain of the trail had reached the entry named
 * in {@code heads} (chain, seq, hash). They catch what the chains alone cannot: a rewrite of a chain from some point
 * on, and deletion of the newest entries or of a whole chain. Stored under the hash of their heads, so two
 * instances signing the same heads store one.
 */
@Component
@DocumentStore("audit_checkpoints")
public class Checkpoints {

    /** The version of what is signed (README, "Signed checkpoints"). */
    public static final String FORMAT = "dmdesk-audit-checkpoint/v2";

    private final MongoStore store;
    private final SigningKey key;
    private final AuditTrailProperties properties;
    private final Clock clock;

    public Checkpoints(MongoStore store, SigningKey key, AuditTrailProperties properties, Clock clock) {
        this.store = store;
        this.key = key;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * Called after each stored entry: when its chain reaches a multiple of {@code checkpointEvery}, signs the heads
     * of all chains with this entry as its chain's head (so every such entry gets a checkpoint of its own).
     */
    public void afterAppend(Head appended) {
        if (appended.seq() % properties.checkpointEvery() == 0) {
            Map<Integer, Head> heads = new TreeMap<>();
            heads().forEach(h -> heads.put(h.chain(), h));
            heads.put(appended.chain(), appended);
            sign(new ArrayList<>(heads.values()));
        }
    }

    /** Signs the heads of all chains when any moved since they were last signed, so a quiet trail is covered too. */
    @Scheduled(
            fixedDelayString = "${dmdesk.audit.checkpoint-interval:PT5M}",
            initialDelayString = "${dmdesk.audit.checkpoint-interval:PT5M}")
    public void signHead() {
        List<Head> heads = heads();
        if (!heads.isEmpty()) {
            sign(heads);
        }
    }

    /** The newest entry of every chain, by chain. */
    public List<Head> heads() {
        List<Head> heads = new ArrayList<>();
        for (int chain : chains(store)) {
            store.awaitOptional(store.collection(Trail.ENTRIES)
                            .find(Filters.eq("chain", chain))
                            .sort(Sorts.descending("seq"))
                            .limit(1)
                            .first())
                    .ifPresent(
                            d -> heads.add(new Head(chain, ((Number) d.get("seq")).longValue(), d.getString("hash"))));
        }
        return heads;
    }

    /** The chains of the trail, ascending (a chain value of another type, only an edit can make, is left out). */
    public static List<Integer> chains(MongoStore store) {
        return store.awaitAll(store.collection(Trail.ENTRIES).distinct("chain", BsonValue.class)).stream()
                .filter(v -> v.isInt32() || v.isInt64())
                .map(v -> (int) v.asNumber().longValue())
                .distinct()
                .sorted()
                .toList();
    }

    /** Every checkpoint as stored, oldest first. */
    public List<Map<String, Object>> all() {
        return stored(store);
    }

    /** Every checkpoint as stored (a plain map per checkpoint, for verification and export), oldest first. */
    public static List<Map<String, Object>> stored(MongoStore store) {
        return List.copyOf(
                store.awaitAll(store.collection(Trail.CHECKPOINTS).find().sort(Sorts.ascending("time", "_id"))));
    }

    /** When each signing key signed checkpoints, oldest first, by key id. */
    public Map<String, List<Instant>> signingTimesByKey() {
        Map<String, List<Instant>> byKey = new HashMap<>();
        for (Document c : store.awaitAll(store.collection(Trail.CHECKPOINTS)
                .find()
                .projection(new Document("keyId", 1).append("time", 1))
                .sort(Sorts.ascending("time", "_id")))) {
            byKey.computeIfAbsent(String.valueOf(c.getString("keyId")), k -> new ArrayList<>())
                    .add(c.getDate("time").toInstant());
        }
        return byKey;
    }

    private void sign(List<Head> heads) {
        List<Document> named = heads.stream()
                .sorted(Comparator.comparingInt(Head::chain))
                .map(h ->
                        new Document("chain", h.chain()).append("seq", h.seq()).append("hash", h.hash()))
                .toList();
        String id = EntryHash.sha256(EntryHash.canonical(EntryHash.json(new Document("heads", named))));
        if (store.awaitOptional(store.collection(Trail.CHECKPOINTS)
                        .find(Filters.eq("_id", id))
                        .first())
                .isPresent()) {
            return; // these heads are signed already
        }
        Document checkpoint = new Document("format", FORMAT)
                .append("time", Date.from(clock.instant().truncatedTo(ChronoUnit.MILLIS)))
                .append("heads", named)
                .append("keyId", key.keyId())
                .append("algorithm", SigningKey.algorithm(key.publicKey()));
        byte[] signature = key.sign(payload(checkpoint));
        store.insertIfAbsent(
                Trail.CHECKPOINTS,
                checkpoint
                        .append("_id", id)
                        .append("signature", Base64.getEncoder().encodeToString(signature)));
    }

    /**
     * What is signed: the RFC 8785 canonical JSON of the checkpoint's JSON form without {@code _id} and
     * {@code signature} (format, time, heads, keyId, algorithm), so an auditor can rebuild it with any JCS tool.
     */
    public static byte[] payload(Map<String, ?> checkpoint) {
        Map<String, Object> json = EntryHash.json(checkpoint);
        json.remove("_id");
        json.remove("signature");
        return EntryHash.canonical(json);
    }
}
