package io.dmdesk.notifier.ack;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import io.dmdesk.support.mongo.MongoStore;
import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import java.util.Optional;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.stereotype.Component;

/**
 * Send intents, one per report and kind, keyed {@code <reportId>:<kind>}. States: WAITING (a follow-up whose
 * acknowledgement is not out yet), PENDING (ready), SENDING (claimed by one sender for a lease), SENT,
 * CANNOT_REPLY_ON_CHANNEL. Claiming is one atomic update, so two handlers or two instances never send the same
 * intent at once; a lease that runs out (the sender died) lets the next delivery take over.
 */
@Component
public class Notifications {

    public static final String WAITING = "WAITING";
    public static final String PENDING = "PENDING";
    public static final String SENDING = "SENDING";
    public static final String SENT = "SENT";
    public static final String CANNOT_REPLY = "CANNOT_REPLY_ON_CHANNEL";
    static final Duration LEASE = Duration.ofSeconds(60);
    private static final String COLLECTION = "notifications";

    private final MongoStore store;
    private final Clock clock;

    Notifications(MongoStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
        // Operator replies may name the report by the citizen's reference.
        store.await(store.collection(COLLECTION).createIndex(com.mongodb.client.model.Indexes.ascending("reference")));
    }

    public static String id(String reportId, String kind) {
        return reportId + ":" + kind;
    }

    public Optional<Document> find(String id) {
        return store.awaitOptional(store.collection(COLLECTION).find(Filters.eq("_id", id)).first());
    }

    /**
     * The reports whose acknowledgement carries this reference (the one the citizen was given): one, or more only
     * if two reports' 40-bit references collide.
     */
    public java.util.List<String> reportIdsWithReference(String reference) {
        return store.awaitAll(store.collection(COLLECTION).find(Filters.and(
                        Filters.eq("kind", AcknowledgeHandler.ACK), Filters.eq("reference", reference)))
                .projection(new Document("reportId", 1)).limit(10)).stream()
                .map(d -> d.getString("reportId")).distinct().toList();
    }

    /** Creates the intent unless it exists; returns the stored one either way. */
    public Document intend(Document intent) {
        intent.append("attempts", 0).append("createdAt", Date.from(clock.instant()));
        store.insertIfAbsent(COLLECTION, intent);
        return find(intent.getString("_id")).orElseThrow();
    }

    /**
     * Takes the intent for sending if it is PENDING or its previous sender's lease ran out.
     *
     * @return the intent as it was before the claim (its {@code attempts} tell whether a send may have happened)
     */
    public Optional<Document> claim(String id) {
        Date now = Date.from(clock.instant());
        Bson claimable = Filters.and(Filters.eq("_id", id), Filters.or(Filters.eq("state", PENDING),
                Filters.and(Filters.eq("state", SENDING), Filters.lt("leaseUntil", now))));
        return store.awaitOptional(store.collection(COLLECTION).findOneAndUpdate(claimable,
                Updates.combine(Updates.set("state", SENDING), Updates.set("leaseUntil",
                        Date.from(clock.instant().plus(LEASE))), Updates.inc("attempts", 1)),
                new FindOneAndUpdateOptions().returnDocument(ReturnDocument.BEFORE)));
    }

    /** WAITING -> PENDING; true when this call made the change. */
    public boolean release(String id) {
        return store.await(store.collection(COLLECTION).updateOne(
                Filters.and(Filters.eq("_id", id), Filters.eq("state", WAITING)),
                Updates.set("state", PENDING))).getModifiedCount() == 1;
    }

    public void markSent(String id, String platformMessageId, boolean reconciled) {
        store.await(store.collection(COLLECTION).updateOne(Filters.eq("_id", id), Updates.combine(
                Updates.set("state", SENT), Updates.set("platformMessageId", platformMessageId),
                Updates.set("reconciled", reconciled), Updates.set("sentAt", Date.from(clock.instant())),
                Updates.unset("leaseUntil"))));
    }

    /** Gives the claim back after a failed attempt, so the retry can claim it at once. */
    public void unclaim(String id) {
        store.await(store.collection(COLLECTION).updateOne(
                Filters.and(Filters.eq("_id", id), Filters.eq("state", SENDING)),
                Updates.combine(Updates.set("state", PENDING), Updates.unset("leaseUntil"))));
    }

    public void markUndeliverable(String id, String reason) {
        store.await(store.collection(COLLECTION).updateOne(Filters.eq("_id", id), Updates.combine(
                Updates.set("state", CANNOT_REPLY), Updates.set("reason", reason), Updates.unset("leaseUntil"))));
    }
}
