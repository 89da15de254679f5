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
import io.dmdesk.audit.integrity.Head;
import io.dmdesk.audit.integrity.StoredChains;
import io.dmdesk.audit.integrity.Trail;
import io.dmdesk.contracts.AuditEvent;
import io.dmdesk.contracts.EventJson;
import io.dmdesk.support.mongo.DocumentStore;
import io.dmdesk.support.mongo.MongoStore;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.locks.ReentrantLock;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.stereotype.Component;

/**
 * Append-only, hash-chained, one chain per audit.events partition. An entry is inserted under its event id (so a
 * redelivered event is stored once, whatever partition it arrives on) at {@code (chain, seq)} = (its partition,
 * head of that chain + 1) under a unique index: whoever inserts (chain, n) first owns it, and a writer that lost
 * the race re-reads the chain's head and tries n + 1. There is no separate counter, so a crash between "take a
 * seq" and "insert" cannot leave a gap: a gap in a chain always means a deleted entry. Writers of different chains
 * share nothing (no lock, no document, no index key), so the trail scales with the partitions of audit.events
 * instead of serialising every writer of the deployment. Nothing here updates or deletes an entry.
 */
@Component
@DocumentStore("audit_entries")
public class AuditStore {

    private static final int MAX_ATTEMPTS = 100;
    private static final List<String> CHAIN_FIELDS = List.of(
            "_id", "chain", "seq", "storedAt", "prevHash", "reportPrevHash", "hash", "reportKey", "occurredTime");
    /** The index of the single global chain before chains per partition: it would refuse seq 1 of a second chain. */
    private static final String GLOBAL_SEQ_INDEX = "seq_1";

    /**
     * In chain order: a report's entries are all in one chain (its key decides its partition) unless the
     * partitions of audit.events were changed, so within a report this is the order of appending.
     */
    private static final Bson CHAIN_ORDER = Sorts.ascending("chain", "seq");

    private final MongoStore store;
    private final Clock clock;
    private final Checkpoints checkpoints;
    /** Serialise the appends to one chain within this instance; the unique (chain, seq) index does across instances. */
    private final ConcurrentMap<Integer, ReentrantLock> chainLocks = new ConcurrentHashMap<>();

    AuditStore(MongoStore store, Clock clock, Checkpoints checkpoints) {
        this.store = store;
        this.clock = clock;
        this.checkpoints = checkpoints;
        var entries = store.collection(Trail.ENTRIES);
        dropGlobalSeqIndex();
        // Sparse: entries stored before chaining existed (local stacks) have neither field and stay outside.
        store.await(entries.createIndex(
                Indexes.compoundIndex(Indexes.ascending("chain"), Indexes.ascending("seq")),
                new IndexOptions().unique(true).sparse(true)));
        store.await(entries.createIndex(Indexes.compoundIndex(
                Indexes.ascending("reportKey"), Indexes.ascending("chain"), Indexes.descending("seq"))));
        // Finding a report by the reference the citizen was given (REPORT_TRIAGED entries carry it).
        store.await(entries.createIndex(Indexes.ascending("details.reference"), new IndexOptions().sparse(true)));
        store.await(entries.createIndex(Indexes.compoundIndex(
                Indexes.ascending("actor.id"), Indexes.ascending("category"), Indexes.ascending("occurredTime"))));
    }

    /**
     * @param chain the chain to extend: the audit.events partition the event was consumed from
     * @return false when the event was stored before (no chain is extended again)
     */
    public boolean append(AuditEvent event, int chain) {
        ReentrantLock lock = lockFor(chain);
        lock.lock();
        try {
            for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
                if (exists(event.eventId())) {
                    return false;
                }
                String reportKey = event.reportId() != null ? event.reportId() : event.subjectId();
                Document head = latest(Filters.eq("chain", chain));
                Document reportHead =
                        latest(Filters.and(Filters.eq("chain", chain), Filters.eq("reportKey", reportKey)));
                long seq = head == null ? 1 : ((Number) head.get("seq")).longValue() + 1;
                Document entry = Document.parse(EventJson.toJson(event))
                        .append("_id", event.eventId())
                        .append("chain", chain)
                        .append("seq", seq)
                        .append("reportKey", reportKey)
                        .append("storedAt", Date.from(clock.instant().truncatedTo(ChronoUnit.MILLIS)))
                        .append("prevHash", head == null ? EntryHash.GENESIS : head.getString("hash"))
                        .append(
                                "reportPrevHash",
                                reportHead == null ? EntryHash.GENESIS : reportHead.getString("hash"));
                if (event.occurredAt() != null) {
                    entry.append("occurredTime", Date.from(event.occurredAt().truncatedTo(ChronoUnit.MILLIS)));
                }
                String hash = EntryHash.of(entry);
                entry.append("hash", hash);
                try {
                    // Majority: an acknowledged entry survives a primary failover, so no later entry chains to a
                    // rolled-back one and no offset is committed for an entry that is gone.
                    store.await(store.collection(Trail.ENTRIES)
                            .withWriteConcern(WriteConcern.MAJORITY)
                            .insertOne(entry));
                } catch (MongoWriteException e) {
                    if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                        throw e;
                    }
                    continue; // same event stored meanwhile (checked first thing), or another instance took the seq
                }
                checkpoints.afterAppend(new Head(chain, seq, hash));
                return true;
            }
            throw new IllegalStateException(
                    "could not take the next sequence number of audit chain " + chain + ": too much contention");
        } finally {
            lock.unlock();
        }
    }

    /** The in-process lock of one chain (package-private so a test can hold it and show other chains go on). */
    ReentrantLock lockFor(int chain) {
        return chainLocks.computeIfAbsent(chain, c -> new ReentrantLock());
    }

    /**
     * The report's timeline: its own entries, and those about the messages it was made of (intake's
     * MESSAGE_RECEIVED comes before triage knows the report, so it is keyed by the message id; every
     * REPORT_TRIAGED entry names the message it triaged).
     */
    public List<AuditEntry> timeline(String reportId) {
        List<String> messages = messageIds(reportId);
        Bson own = Filters.or(Filters.eq("reportId", reportId), Filters.eq("subjectId", reportId));
        return entries(messages.isEmpty() ? own : Filters.or(own, Filters.in("reportKey", messages)));
    }

    /** The ids of the messages the report was made of, in the order triage took them. */
    public List<String> messageIds(String reportId) {
        return store
                .awaitAll(store.collection(Trail.ENTRIES)
                        .find(Filters.and(
                                Filters.eq("reportKey", reportId),
                                Filters.eq("action", AuditEvent.Action.REPORT_TRIAGED.name())))
                        .sort(CHAIN_ORDER))
                .stream()
                .map(d -> d.get("details") instanceof Document details ? details.getString("messageId") : null)
                .filter(Objects::nonNull)
                .distinct()
                .toList();
    }

    /**
     * The report ids that carry this reference (the {@code DMD-XXXX-XXXX} the citizen was given), from triage's
     * REPORT_TRIAGED entries: normally one; two only if two reports' 40-bit references collide.
     */
    public List<String> reportsWithReference(String reference) {
        return store
                .awaitAll(store.collection(Trail.ENTRIES)
                        .find(Filters.and(
                                Filters.eq("action", AuditEvent.Action.REPORT_TRIAGED.name()),
                                Filters.eq("details.reference", reference)))
                        .sort(CHAIN_ORDER))
                .stream()
                .map(d -> d.getString("reportKey"))
                .filter(Objects::nonNull)
                .distinct()
                .toList();
    }

    public List<AuditEntry> bySubject(String subjectId) {
        return entries(Filters.eq("subjectId", subjectId));
    }

    /** Consultations by one actor with occurredAt in [from, to). */
    public List<AuditEntry> consultations(String actorId, Instant from, Instant to) {
        return entries(Filters.and(
                Filters.eq("actor.id", actorId),
                Filters.eq("category", AuditEvent.LogCategory.CONSULTATION.name()),
                Filters.gte("occurredTime", Date.from(from)),
                Filters.lt("occurredTime", Date.from(to))));
    }

    /** The chains of the trail, ascending. */
    public List<Integer> chains() {
        return Checkpoints.chains(store);
    }

    /** One whole chain as stored (JSON form, hashes included), in seq order, read in pages, for a trail export. */
    public List<Map<String, Object>> chainTrail(int chain) {
        List<Map<String, Object>> all = new ArrayList<>();
        new StoredChains(store).forEach(chain, entry -> all.add(EntryHash.json(entry)));
        return all;
    }

    /** A report's entries as stored (JSON form, hashes included), in chain order, for offline verification. */
    public List<Map<String, Object>> reportTrail(String reportKey) {
        return store
                .awaitAll(store.collection(Trail.ENTRIES)
                        .find(Filters.eq("reportKey", reportKey))
                        .sort(CHAIN_ORDER))
                .stream()
                .map(EntryHash::json)
                .toList();
    }

    private List<AuditEntry> entries(Bson filter) {
        return store.awaitAll(store.collection(Trail.ENTRIES).find(filter).sort(CHAIN_ORDER)).stream()
                .map(AuditStore::entry)
                .toList();
    }

    /** Before chains per partition, seq alone was unique; that index must go before a second chain can start. */
    private void dropGlobalSeqIndex() {
        boolean present = store.awaitAll(store.collection(Trail.ENTRIES).listIndexes()).stream()
                .anyMatch(index -> GLOBAL_SEQ_INDEX.equals(index.getString("name")));
        if (present) {
            store.await(store.collection(Trail.ENTRIES).dropIndex(GLOBAL_SEQ_INDEX));
        }
    }

    private boolean exists(String eventId) {
        return store.awaitOptional(store.collection(Trail.ENTRIES)
                        .find(Filters.eq("_id", eventId))
                        .first())
                .isPresent();
    }

    private Document latest(Bson filter) {
        return store.awaitOptional(store.collection(Trail.ENTRIES)
                        .find(filter)
                        .sort(Sorts.descending("seq"))
                        .limit(1)
                        .first())
                .orElse(null);
    }

    private static AuditEntry entry(Document d) {
        Number chain = (Number) d.get("chain");
        Number seq = (Number) d.get("seq");
        Date storedAt = d.getDate("storedAt");
        AuditEntry chained = new AuditEntry(
                chain == null ? 0 : chain.intValue(),
                seq == null ? 0 : seq.longValue(),
                storedAt == null ? null : storedAt.toInstant(),
                d.getString("prevHash"),
                d.getString("reportPrevHash"),
                d.getString("hash"),
                null);
        CHAIN_FIELDS.forEach(d::remove);
        return new AuditEntry(
                chained.chain(),
                chained.seq(),
                chained.storedAt(),
                chained.prevHash(),
                chained.reportPrevHash(),
                chained.hash(),
                EventJson.fromJson(d.toJson(), AuditEvent.class));
    }
}
