package io.dmdesk.audit.store;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.WriteConcern;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import io.dmdesk.audit.integrity.Checkpoints;
import io.dmdesk.audit.integrity.EntryHash;
import io.dmdesk.audit.integrity.Trail;
import io.dmdesk.contracts.AuditEvent;
import io.dmdesk.contracts.EventJson;
import io.dmdesk.support.mongo.MongoStore;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.stereotype.Component;

/**
 * Append-only, hash-chained. An entry is inserted under its event id (so a redelivered event is stored once) with
 * {@code seq} = head + 1 under a unique index: whoever inserts seq n first owns it, and a writer that lost the race
 * re-reads the head and tries n + 1. There is no separate counter, so a crash between "take a seq" and "insert"
 * cannot leave a gap: a gap in seq always means a deleted entry. Nothing here updates or deletes an entry.
 */
@Component
public class AuditStore {

    private static final int MAX_ATTEMPTS = 100;
    private static final List<String> CHAIN_FIELDS =
            List.of("_id", "seq", "storedAt", "prevHash", "reportPrevHash", "hash", "reportKey", "occurredTime");

    private final MongoStore store;
    private final Clock clock;
    private final Checkpoints checkpoints;
    /** Serialises appends within this instance; the unique seq index serialises them across instances. */
    private final ReentrantLock appending = new ReentrantLock();

    AuditStore(MongoStore store, Clock clock, Checkpoints checkpoints) {
        this.store = store;
        this.clock = clock;
        this.checkpoints = checkpoints;
        var entries = store.collection(Trail.ENTRIES);
        // Sparse: entries stored before chaining existed (local stacks) have no seq and are left out of the chain.
        store.await(entries.createIndex(Indexes.ascending("seq"), new IndexOptions().unique(true).sparse(true)));
        store.await(entries.createIndex(Indexes.compoundIndex(Indexes.ascending("reportKey"),
                Indexes.descending("seq"))));
        store.await(entries.createIndex(Indexes.compoundIndex(Indexes.ascending("actor.id"),
                Indexes.ascending("category"), Indexes.ascending("occurredTime"))));
    }

    /** @return false when the event was stored before (the chain is not extended again) */
    public boolean append(AuditEvent event) {
        appending.lock();
        try {
            for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
                if (exists(event.eventId())) {
                    return false;
                }
                String reportKey = event.reportId() != null ? event.reportId() : event.subjectId();
                Document head = latest(Filters.exists("seq"));
                Document reportHead = latest(Filters.eq("reportKey", reportKey));
                long seq = head == null ? 1 : ((Number) head.get("seq")).longValue() + 1;
                Document entry = Document.parse(EventJson.toJson(event))
                        .append("_id", event.eventId())
                        .append("seq", seq)
                        .append("reportKey", reportKey)
                        .append("storedAt", Date.from(clock.instant().truncatedTo(ChronoUnit.MILLIS)))
                        .append("prevHash", head == null ? EntryHash.GENESIS : head.getString("hash"))
                        .append("reportPrevHash", reportHead == null ? EntryHash.GENESIS : reportHead.getString("hash"));
                if (event.occurredAt() != null) {
                    entry.append("occurredTime", Date.from(event.occurredAt().truncatedTo(ChronoUnit.MILLIS)));
                }
                String hash = EntryHash.of(entry);
                entry.append("hash", hash);
                try {
                    // Majority: an acknowledged entry survives a primary failover, so no later entry chains to a
                    // rolled-back one and no offset is committed for an entry that is gone.
                    store.await(store.collection(Trail.ENTRIES).withWriteConcern(WriteConcern.MAJORITY)
                            .insertOne(entry));
                } catch (MongoWriteException e) {
                    if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                        throw e;
                    }
                    continue; // same event stored meanwhile (checked first thing), or another instance took seq
                }
                checkpoints.afterAppend(seq, hash);
                return true;
            }
            throw new IllegalStateException("could not take the next audit sequence number: too much contention");
        } finally {
            appending.unlock();
        }
    }

    public List<AuditEntry> timeline(String reportId) {
        return entries(Filters.or(Filters.eq("reportId", reportId), Filters.eq("subjectId", reportId)));
    }

    public List<AuditEntry> bySubject(String subjectId) {
        return entries(Filters.eq("subjectId", subjectId));
    }

    /** Consultations by one actor with occurredAt in [from, to). */
    public List<AuditEntry> consultations(String actorId, Instant from, Instant to) {
        return entries(Filters.and(Filters.eq("actor.id", actorId),
                Filters.eq("category", AuditEvent.LogCategory.CONSULTATION.name()),
                Filters.gte("occurredTime", Date.from(from)), Filters.lt("occurredTime", Date.from(to))));
    }

    /** A report's own chain, as stored (canonical form, hashes included), for offline verification. */
    public List<Map<String, Object>> reportTrail(String reportKey) {
        return store.awaitAll(store.collection(Trail.ENTRIES).find(Filters.eq("reportKey", reportKey))
                .sort(Sorts.ascending("seq"))).stream().map(EntryHash::json).toList();
    }

    private List<AuditEntry> entries(Bson filter) {
        return store.awaitAll(store.collection(Trail.ENTRIES).find(filter).sort(Sorts.ascending("seq")))
                .stream().map(AuditStore::entry).toList();
    }

    private boolean exists(String eventId) {
        return store.awaitOptional(store.collection(Trail.ENTRIES).find(Filters.eq("_id", eventId)).first())
                .isPresent();
    }

    private Document latest(Bson filter) {
        return store.awaitOptional(store.collection(Trail.ENTRIES).find(filter).sort(Sorts.descending("seq"))
                .limit(1).first()).orElse(null);
    }

    private static AuditEntry entry(Document d) {
        Number seq = (Number) d.get("seq");
        Date storedAt = d.getDate("storedAt");
        AuditEntry chained = new AuditEntry(seq == null ? 0 : seq.longValue(), storedAt == null ? null : storedAt.toInstant(),
                d.getString("prevHash"), d.getString("reportPrevHash"), d.getString("hash"), null);
        CHAIN_FIELDS.forEach(d::remove);
        return new AuditEntry(chained.seq(), chained.storedAt(), chained.prevHash(), chained.reportPrevHash(),
                chained.hash(), EventJson.fromJson(d.toJson(), AuditEvent.class));
    }
}
