package io.dmdesk.intake.seen;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.Projections;
import io.dmdesk.contracts.InboundMessage;
import io.dmdesk.contracts.MessageKind;
import io.dmdesk.support.mongo.DocumentStore;
import io.dmdesk.support.mongo.MongoStore;
import java.time.Clock;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.bson.Document;
import org.springframework.stereotype.Component;

/**
 * What intake already published, keyed by message id and kind (an edit or deletion of a message is its own
 * entry). A webhook and the reconciling pull usually deliver the same message twice; this keeps the second
 * off the topic. It is an optimisation, not the guarantee: a crash between publish and {@link #rememberAll}
 * republishes once, and triage dedupes by messageId. The unique {@code _id} makes concurrent writers safe.
 * A page of messages costs one query ({@code $in}) and one unordered insert, whatever its size.
 */
@Component
@DocumentStore("seen")
public class SeenMessages {

    private static final String COLLECTION = "seen";

    private final MongoStore store;
    private final Clock clock;

    SeenMessages(MongoStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** @return the subset of these keys ({@link #key}) already published, in one round trip */
    public Set<String> published(Collection<String> keys) {
        if (keys.isEmpty()) {
            return Set.of();
        }
        return store
                .awaitAll(store.collection(COLLECTION)
                        .find(Filters.in("_id", keys))
                        .projection(Projections.include("_id")))
                .stream()
                .map(d -> d.getString("_id"))
                .collect(Collectors.toSet());
    }

    /**
     * Records these messages as published in one unordered insert. A key written meanwhile by another writer
     * (another replica, a racing webhook) is a duplicate-key error for that document only: ignored.
     */
    public void rememberAll(List<InboundMessage> messages) {
        if (messages.isEmpty()) {
            return;
        }
        Date now = Date.from(clock.instant());
        List<Document> docs = messages.stream()
                .map(m -> new Document("_id", key(m))
                        .append("account", m.account().id())
                        .append("publishedAt", now))
                .toList();
        try {
            store.await(store.collection(COLLECTION).insertMany(docs, new InsertManyOptions().ordered(false)));
        } catch (MongoBulkWriteException e) {
            boolean onlyDuplicates = e.getWriteConcernError() == null
                    && e.getWriteErrors().stream()
                            .allMatch(w -> ErrorCategory.fromErrorCode(w.getCode()) == ErrorCategory.DUPLICATE_KEY);
            if (!onlyDuplicates) {
                throw e;
            }
        }
    }

    /** Edits are told apart by their platform timestamp: a second edit of one message is news, a redelivery not. */
    public static String key(InboundMessage message) {
        String key = message.messageId() + "|" + message.kind().name();
        return message.kind() == MessageKind.EDIT && message.platformTimestamp() != null
                ? key + "|" + message.platformTimestamp().toEpochMilli()
                : key;
    }
}
