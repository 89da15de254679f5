package io.dmdesk.notifier.ack;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import io.dmdesk.contracts.AcknowledgementSent.Kind;
import io.dmdesk.contracts.Channel;
import io.dmdesk.contracts.Platform;
import io.dmdesk.contracts.Urgency;
import io.dmdesk.notifier.ack.SendIntent.Route;
import io.dmdesk.notifier.ack.SendIntent.State;
import io.dmdesk.support.mongo.DocumentStore;
import io.dmdesk.support.mongo.MongoStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.stereotype.Component;

/**
 * Send intents ({@link SendIntent}), one per report and kind, keyed {@code <reportId>:<kind>}. Claiming is one
 * atomic update, so two handlers or two instances never send the same intent at once; a lease that runs out
 * (the sender died) lets the next delivery take over. The only class that knows the collection's field names.
 */
@Component
@DocumentStore("notifications")
public class Notifications {

    static final Duration LEASE = Duration.ofSeconds(60);
    private static final String COLLECTION = "notifications";
    /**
     * Intent fields that identify the citizen on the platform, what erasure removes: ids, handle, conversation,
     * and the message replied to with its platform references (a Bluesky post URI holds the author's DID).
     */
    public static final List<String> PERSONAL =
            List.of("recipientId", "recipientHandle", "conversationId", "replyToMessageId", "platformRefs");

    private final MongoStore store;
    private final Clock clock;

    Notifications(MongoStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
        // Operator replies may name the report by the citizen's reference.
        store.await(store.collection(COLLECTION).createIndex(Indexes.ascending("reference")));
    }

    public Optional<SendIntent> find(String id) {
        return store.awaitOptional(
                        store.collection(COLLECTION).find(Filters.eq("_id", id)).first())
                .map(Notifications::intent);
    }

    /**
     * The reports whose acknowledgement carries this reference (the one the citizen was given): one, or more only
     * if two reports' 40-bit references collide.
     */
    public List<String> reportIdsWithReference(String reference) {
        return store
                .awaitAll(store.collection(COLLECTION)
                        .find(Filters.and(
                                Filters.eq("kind", Kind.ACKNOWLEDGEMENT.name()), Filters.eq("reference", reference)))
                        .projection(new Document("reportId", 1))
                        .limit(10))
                .stream()
                .map(d -> d.getString("reportId"))
                .distinct()
                .toList();
    }

    /** Creates the intent unless it exists; returns the stored one either way. */
    public SendIntent intend(SendIntent intent) {
        Document doc = document(intent).append("attempts", 0).append("createdAt", Date.from(clock.instant()));
        store.insertIfAbsent(COLLECTION, doc);
        return find(intent.id()).orElseThrow();
    }

    /**
     * Takes the intent for sending if it is PENDING or its previous sender's lease ran out.
     *
     * @return the intent as it was before the claim (its {@code attempts} tell whether a send may have happened)
     */
    public Optional<SendIntent> claim(String id) {
        Date now = Date.from(clock.instant());
        Bson claimable = Filters.and(
                Filters.eq("_id", id),
                Filters.or(
                        Filters.eq("state", State.PENDING.name()),
                        // A SENDING intent whose lease ran out, or that holds none (only a lost write can leave one
                        // so): its sender is gone.
                        Filters.and(
                                Filters.eq("state", State.SENDING.name()),
                                Filters.or(Filters.lt("leaseUntil", now), Filters.exists("leaseUntil", false)))));
        return store.awaitOptional(store.collection(COLLECTION)
                        .findOneAndUpdate(
                                claimable,
                                Updates.combine(
                                        Updates.set("state", State.SENDING.name()),
                                        Updates.set(
                                                "leaseUntil",
                                                Date.from(clock.instant().plus(LEASE))),
                                        Updates.inc("attempts", 1)),
                                new FindOneAndUpdateOptions().returnDocument(ReturnDocument.BEFORE)))
                .map(Notifications::intent);
    }

    /** WAITING -> PENDING; true when this call made the change. */
    public boolean release(String id) {
        return store.await(store.collection(COLLECTION)
                                .updateOne(
                                        Filters.and(Filters.eq("_id", id), Filters.eq("state", State.WAITING.name())),
                                        Updates.set("state", State.PENDING.name())))
                        .getModifiedCount()
                == 1;
    }

    /** The platform took the message; its records ({@link #markAnnounced}) are still to go out. */
    public void markSent(String id, String platformMessageId, boolean reconciled) {
        store.await(store.collection(COLLECTION)
                .updateOne(
                        Filters.eq("_id", id),
                        Updates.combine(
                                Updates.set("state", State.SENT.name()),
                                Updates.set("platformMessageId", platformMessageId),
                                Updates.set("reconciled", reconciled),
                                Updates.set("sentAt", Date.from(clock.instant())),
                                // The sender keeps its lease until the records are out (markAnnounced).
                                Updates.set("announced", false))));
    }

    /**
     * Takes a SENT intent whose records are not out for announcing, if no sender holds it (its lease ran out, or
     * the sender gave it back after a failure).
     */
    public Optional<SendIntent> claimAnnouncement(String id) {
        Date now = Date.from(clock.instant());
        Bson free = Filters.and(
                Filters.eq("_id", id),
                Filters.eq("state", State.SENT.name()),
                Filters.eq("announced", false),
                Filters.or(Filters.exists("leaseUntil", false), Filters.lt("leaseUntil", now)));
        return store.awaitOptional(store.collection(COLLECTION)
                        .findOneAndUpdate(
                                free,
                                Updates.set(
                                        "leaseUntil", Date.from(clock.instant().plus(LEASE))),
                                new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER)))
                .map(Notifications::intent);
    }

    /** Gives back the announcing lease after a failure, so the redelivered record announces at once. */
    public void releaseAnnouncement(String id) {
        store.await(store.collection(COLLECTION)
                .updateOne(
                        Filters.and(
                                Filters.eq("_id", id),
                                Filters.eq("state", State.SENT.name()),
                                Filters.eq("announced", false)),
                        Updates.unset("leaseUntil")));
    }

    /** The sent message's {@code AcknowledgementSent} and audit event are published. */
    public void markAnnounced(String id) {
        // Only a SENT intent: one that was taken back for a resend (SENDING) keeps the lease of its new sender.
        store.await(store.collection(COLLECTION)
                .updateOne(
                        Filters.and(Filters.eq("_id", id), Filters.eq("state", State.SENT.name())),
                        Updates.combine(Updates.set("announced", true), Updates.unset("leaseUntil"))));
    }

    /** Gives the claim back after a failed attempt, so the retry can claim it at once. */
    public void unclaim(String id) {
        store.await(store.collection(COLLECTION)
                .updateOne(
                        Filters.and(Filters.eq("_id", id), Filters.eq("state", State.SENDING.name())),
                        Updates.combine(Updates.set("state", State.PENDING.name()), Updates.unset("leaseUntil"))));
    }

    public void markUndeliverable(String id, String reason) {
        store.await(store.collection(COLLECTION)
                .updateOne(
                        Filters.eq("_id", id),
                        Updates.combine(
                                Updates.set("state", State.CANNOT_REPLY_ON_CHANNEL.name()),
                                Updates.set("reason", reason),
                                Updates.unset("leaseUntil"))));
    }

    /**
     * Erases the citizen from every intent of the report (see {@link #PERSONAL}); intents not
     * sent yet can no longer be sent and become CANNOT_REPLY_ON_CHANNEL. Kept: ids, kinds, states, template,
     * language, timestamps, the platform's id of what was sent. A second call erases nothing more.
     *
     * @return the intents erased by this call
     */
    public long erase(String reportId) {
        var notifications = store.collection(COLLECTION);
        Bson ofReport = Filters.and(Filters.eq("reportId", reportId), Filters.exists("erasedAt", false));
        store.await(notifications.updateMany(
                Filters.and(ofReport, Filters.in("state", State.PENDING.name(), State.WAITING.name())),
                Updates.combine(
                        Updates.set("state", State.CANNOT_REPLY_ON_CHANNEL.name()),
                        Updates.set("reason", "personal data erased"))));
        return store.await(notifications.updateMany(
                        ofReport,
                        Updates.combine(
                                Updates.combine(
                                        PERSONAL.stream().map(Updates::unset).toList()),
                                Updates.set("erasedAt", Date.from(clock.instant())))))
                .getModifiedCount();
    }

    private static Document document(SendIntent intent) {
        Document doc = new Document("_id", intent.id())
                .append("reportId", intent.reportId())
                .append("kind", intent.kind().name())
                .append("state", intent.state().name());
        if (intent.caseReference() != null) {
            doc.append("caseReference", intent.caseReference());
        }
        if (intent.operator() != null) {
            doc.append("operator", intent.operator());
        }
        if (intent.template() != null) {
            doc.append("template", intent.template());
        }
        Route r = intent.route();
        if (r != null) {
            doc.append("platform", r.platform().code())
                    .append("account", r.account())
                    .append("channel", r.channel().name())
                    .append("recipientId", r.recipientId())
                    .append("conversationId", r.conversationId())
                    .append("recipientHandle", r.recipientHandle())
                    .append("replyToMessageId", r.replyToMessageId())
                    .append("lastMessageAt", date(r.lastMessageAt()))
                    .append("reference", r.reference())
                    .append("language", r.language())
                    .append("urgency", r.urgency() == null ? null : r.urgency().name())
                    .append("receivedAt", date(r.receivedAt()))
                    .append("platformRefs", new Document(new HashMap<String, Object>(r.platformRefs())));
        }
        return doc;
    }

    private static SendIntent intent(Document d) {
        // Intents written before the kind was typed named operator replies "OPERATOR_REPLY" too: same enum name.
        return new SendIntent(
                d.getString("_id"),
                d.getString("reportId"),
                Kind.valueOf(d.getString("kind")),
                State.valueOf(d.getString("state")),
                d.getInteger("attempts", 0),
                route(d),
                d.getString("template"),
                d.getString("caseReference"),
                d.getString("operator"),
                d.getString("platformMessageId"),
                Boolean.TRUE.equals(d.getBoolean("reconciled")),
                // Intents sent before the flag existed were announced with the send.
                d.getBoolean("announced", true));
    }

    private static Route route(Document d) {
        if (d.getString("platform") == null) {
            return null;
        }
        Map<String, String> refs = new HashMap<>();
        if (d.get("platformRefs") instanceof Document p) {
            p.forEach((k, v) -> refs.put(k, String.valueOf(v)));
        }
        String urgency = d.getString("urgency");
        return new Route(
                Platform.fromCode(d.getString("platform")),
                d.getString("account"),
                Channel.valueOf(d.getString("channel")),
                d.getString("recipientId"),
                d.getString("conversationId"),
                d.getString("recipientHandle"),
                d.getString("replyToMessageId"),
                instant(d.get("lastMessageAt")),
                d.getString("reference"),
                d.getString("language"),
                urgency == null ? null : Urgency.valueOf(urgency),
                instant(d.get("receivedAt")),
                refs);
    }

    private static Date date(Instant at) {
        return at == null ? null : Date.from(at);
    }

    private static Instant instant(Object value) {
        return value instanceof Date at ? at.toInstant() : null;
    }
}
