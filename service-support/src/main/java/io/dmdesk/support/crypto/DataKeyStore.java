package io.dmdesk.support.crypto;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoException;
import com.mongodb.MongoWriteException;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import io.dmdesk.support.errors.DependencyUnavailableException;
import io.dmdesk.support.mongo.DocumentStore;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.bson.Document;
import org.bson.types.Binary;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The key store: data keys in a database of their own, wrapped by {@link MasterKeys}, with a small in-memory cache of
 * unwrapped keys (bounded, expiring after {@code ttl}; an erasure in this process drops its keys at once, erased
 * keys are remembered for good). A store that cannot be reached is an outage: the record waits and is retried.
 */
@DocumentStore("data_keys")
public class DataKeyStore {

    public static final String COLLECTION = "data_keys";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final MongoCollection<Document> keys;
    private final MasterKeys master;
    private final Duration timeout;
    private final Clock clock;
    private final Duration ttl;
    private final Map<String, Cached> cache;

    public DataKeyStore(
            MongoDatabase database, MasterKeys master, Duration timeout, Clock clock, Duration ttl, int cacheSize) {
        this.keys = database.getCollection(COLLECTION);
        this.master = master;
        this.timeout = timeout;
        this.clock = clock;
        this.ttl = ttl;
        this.cache = new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Cached> eldest) {
                return size() > cacheSize;
            }
        };
    }

    /** What an unwrapped key or its tombstone looks like in memory. */
    private record Cached(SecretKey key, String erasedForReport, Instant expires) {
        boolean erased() {
            return key == null;
        }
    }

    /** The key to seal with: the existing one, else a new random one stored first. */
    public SecretKey getOrCreate(String keyId) {
        Cached c = cached(keyId);
        if (c == null) {
            byte[] material = new byte[MasterKeys.KEY_BYTES];
            RANDOM.nextBytes(material);
            Document doc = new Document("_id", keyId)
                    .append("kind", DataKeyIds.kindOf(keyId))
                    .append("masterKeyId", master.currentId())
                    .append("wrapped", new Binary(master.wrap(keyId, material)))
                    .append("createdAt", Date.from(clock.instant()));
            if (insertIfAbsent(doc)) {
                c = remember(keyId, new Cached(new SecretKeySpec(material, "AES"), null, expiry()));
            } else {
                c = load(keyId).orElseThrow(() -> new IllegalStateException("data key " + keyId + " vanished"));
            }
        }
        if (c.erased()) {
            throw new RecordKeyErasedException(keyId, c.erasedForReport());
        }
        return c.key();
    }

    /**
     * The key to open with.
     *
     * @throws RecordKeyErasedException when it was erased
     * @throws UnknownDataKeyException  when the store has never heard of it (wrong store, or not replicated yet)
     */
    public SecretKey get(String keyId) {
        Cached c = cached(keyId);
        if (c == null) {
            c = load(keyId).orElseThrow(() -> new UnknownDataKeyException(keyId));
        }
        if (c.erased()) {
            throw new RecordKeyErasedException(keyId, c.erasedForReport());
        }
        return c.key();
    }

    /** Drops keys from this process's cache (an erasure elsewhere): the next use asks the store. */
    public void forget(List<String> keyIds) {
        synchronized (cache) {
            keyIds.forEach(cache::remove);
        }
    }

    /**
     * Whether the store (not this process's cache) holds the key as erased: for decisions that must not trust a
     * cached key, such as a DLQ replay.
     */
    public Optional<RecordKeyErasedException> erasureInStore(String keyId) {
        return find(keyId).filter(DataKey::erased).map(k -> {
            remember(keyId, new Cached(null, k.reportId(), Instant.MAX));
            return new RecordKeyErasedException(keyId, k.reportId());
        });
    }

    /** The stored form, as an auditor or a test sees it (no unwrapping). */
    public Optional<DataKey> find(String keyId) {
        return Optional.ofNullable(await(keys.find(Filters.eq("_id", keyId)).first()))
                .map(DataKeyStore::toRecord);
    }

    /**
     * Erases keys: each becomes a tombstone without material (also one that never existed, so that a record sealed
     * later under it is refused). Idempotent.
     *
     * @return how many live keys this call erased
     */
    public int erase(List<String> keyIds, String reportId, String reason) {
        int erased = 0;
        Date at = Date.from(clock.instant());
        for (String keyId : keyIds) {
            Document tombstone = new Document("_id", keyId)
                    .append("kind", DataKeyIds.kindOf(keyId))
                    .append("erasedAt", at)
                    .append("reportId", reportId)
                    .append("erasureReason", reason);
            var result = await(keys.replaceOne(
                    Filters.and(Filters.eq("_id", keyId), Filters.exists("erasedAt", false)), tombstone));
            if (result != null && result.getModifiedCount() == 1) {
                erased++;
            } else {
                insertIfAbsent(tombstone);
            }
            synchronized (cache) {
                cache.put(keyId, new Cached(null, reportId, Instant.MAX));
            }
        }
        return erased;
    }

    /** Re-wraps up to {@code limit} live keys still wrapped by an older master key, so that key can be retired. */
    public int rewrap(int limit) {
        List<Document> old = awaitAll(
                keys.find(Filters.and(Filters.exists("erasedAt", false), Filters.ne("masterKeyId", master.currentId())))
                        .limit(limit));
        int done = 0;
        for (Document d : old) {
            String keyId = d.getString("_id");
            SecretKey key = master.unwrap(
                    d.getString("masterKeyId"),
                    keyId,
                    d.get("wrapped", Binary.class).getData());
            var r = await(keys.updateOne(
                    Filters.and(
                            Filters.eq("_id", keyId),
                            Filters.exists("erasedAt", false),
                            Filters.eq("masterKeyId", d.getString("masterKeyId"))),
                    Updates.combine(
                            Updates.set("masterKeyId", master.currentId()),
                            Updates.set("wrapped", new Binary(master.wrap(keyId, key.getEncoded()))))));
            done += r != null && r.getModifiedCount() == 1 ? 1 : 0;
        }
        return done;
    }

    private Optional<Cached> load(String keyId) {
        return find(keyId)
                .map(k -> remember(
                        keyId,
                        k.erased()
                                ? new Cached(null, k.reportId(), Instant.MAX)
                                : new Cached(master.unwrap(k.masterKeyId(), keyId, k.wrapped()), null, expiry())));
    }

    private Cached cached(String keyId) {
        synchronized (cache) {
            Cached c = cache.get(keyId);
            if (c != null && c.expires().isBefore(clock.instant())) {
                cache.remove(keyId);
                return null;
            }
            return c;
        }
    }

    private Cached remember(String keyId, Cached c) {
        synchronized (cache) {
            cache.put(keyId, c);
        }
        return c;
    }

    private Instant expiry() {
        return clock.instant().plus(ttl);
    }

    private static DataKey toRecord(Document d) {
        Binary wrapped = d.get("wrapped", Binary.class);
        Date created = d.getDate("createdAt");
        Date erased = d.getDate("erasedAt");
        return new DataKey(
                d.getString("_id"),
                d.getString("kind"),
                d.getString("masterKeyId"),
                wrapped == null ? null : wrapped.getData(),
                created == null ? null : created.toInstant(),
                erased == null ? null : erased.toInstant(),
                d.getString("reportId"),
                d.getString("erasureReason"));
    }

    private boolean insertIfAbsent(Document doc) {
        try {
            await(keys.insertOne(doc));
            return true;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                return false;
            }
            throw unavailable(e);
        }
    }

    private <T> T await(Publisher<T> publisher) {
        try {
            return Mono.from(publisher).block(timeout);
        } catch (MongoWriteException e) {
            throw e;
        } catch (MongoException | IllegalStateException e) {
            throw unavailable(e);
        }
    }

    private <T> List<T> awaitAll(Publisher<T> publisher) {
        try {
            List<T> all = Flux.from(publisher).collectList().block(timeout);
            return all == null ? List.of() : all;
        } catch (MongoException | IllegalStateException e) {
            throw unavailable(e);
        }
    }

    private static DependencyUnavailableException unavailable(RuntimeException e) {
        return new DependencyUnavailableException("key store unavailable", e);
    }
}
