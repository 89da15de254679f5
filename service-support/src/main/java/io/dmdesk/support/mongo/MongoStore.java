package io.dmdesk.support.mongo;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The service's database, used from imperative handlers: every call waits for the store (with a timeout)
 * so that a failed write surfaces as an exception, reaches the binder's retry and, in the end, the DLQ.
 */
public class MongoStore {

    private final MongoDatabase database;
    private final Duration timeout;

    public MongoStore(MongoDatabase database, Duration timeout) {
        this.database = database;
        this.timeout = timeout;
    }

    public MongoCollection<Document> collection(String name) {
        return database.getCollection(name);
    }

    public <T> T await(Publisher<T> publisher) {
        return Mono.from(publisher).block(timeout);
    }

    public <T> Optional<T> awaitOptional(Publisher<T> publisher) {
        return Mono.from(publisher).blockOptional(timeout);
    }

    public <T> List<T> awaitAll(Publisher<T> publisher) {
        List<T> all = Flux.from(publisher).collectList().block(timeout);
        return all == null ? List.of() : all;
    }

    /** Inserts a document; returns false when one with the same unique key exists already. */
    public boolean insertIfAbsent(String collection, Document document) {
        try {
            await(collection(collection).insertOne(document));
            return true;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                return false;
            }
            throw e;
        }
    }

    public Duration timeout() {
        return timeout;
    }
}
