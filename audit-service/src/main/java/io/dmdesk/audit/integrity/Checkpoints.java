package io.dmdesk.audit.integrity;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import io.dmdesk.support.mongo.MongoStore;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Signed checkpoints {seq, hash, time, signature}: a signed statement that the trail had reached that entry with
 * that hash. They catch what the chain alone cannot: a rewrite of the whole chain from some point on, and
 * deletion of the newest entries. Stored under their seq, so two instances signing the same head store one.
 */
@Component
public class Checkpoints {

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

    /** Called after each stored entry: signs every {@code checkpointEvery}-th. */
    public void afterAppend(long seq, String hash) {
        if (seq % properties.checkpointEvery() == 0) {
            sign(seq, hash);
        }
    }

    /** Signs the head of the trail when it moved since the last checkpoint, so a quiet trail is covered too. */
    @Scheduled(fixedDelayString = "${dmdesk.audit.checkpoint-interval:PT5M}",
            initialDelayString = "${dmdesk.audit.checkpoint-interval:PT5M}")
    public void signHead() {
        Document head = store.awaitOptional(store.collection(Trail.ENTRIES).find(Filters.exists("seq"))
                .sort(Sorts.descending("seq")).limit(1).first()).orElse(null);
        if (head == null) {
            return;
        }
        long last = store.awaitOptional(store.collection(Trail.CHECKPOINTS).find()
                .sort(Sorts.descending("_id")).limit(1).first()).map(d -> ((Number) d.get("seq")).longValue()).orElse(0L);
        long seq = ((Number) head.get("seq")).longValue();
        if (seq > last) {
            sign(seq, head.getString("hash"));
        }
    }

    public List<Document> all() {
        return store.awaitAll(store.collection(Trail.CHECKPOINTS).find().sort(Sorts.ascending("_id")));
    }

    private void sign(long seq, String hash) {
        Instant time = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        store.insertIfAbsent(Trail.CHECKPOINTS, new Document("_id", seq)
                .append("seq", seq)
                .append("hash", hash)
                .append("time", Date.from(time))
                .append("keyId", key.keyId())
                .append("algorithm", SigningKey.algorithm(key.publicKey()))
                .append("signature", Base64.getEncoder().encodeToString(key.sign(payload(seq, hash, time)))));
    }

    /** What is signed: versioned, one field a line, so an auditor can rebuild it with any tool. */
    static byte[] payload(long seq, String hash, Instant time) {
        return ("dmdesk-audit-checkpoint/v1\n" + seq + "\n" + hash + "\n" + time).getBytes(StandardCharsets.UTF_8);
    }
}
