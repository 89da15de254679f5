package io.dmdesk.intake.seen;

import com.mongodb.client.model.Filters;
import io.dmdesk.contracts.InboundMessage;
import io.dmdesk.contracts.MessageKind;
import io.dmdesk.support.mongo.MongoStore;
import java.time.Clock;
import java.util.Date;
import org.bson.Document;
import org.springframework.stereotype.Component;

/**
 * What intake already published, keyed by message id and kind (an edit or deletion of a message is its own
 * entry). A webhook and the reconciling pull usually deliver the same message twice; this keeps the second
 * off the topic. It is an optimisation, not the guarantee: a crash between publish and {@link #remember}
 * republishes once, and triage dedupes by messageId. The unique {@code _id} makes concurrent writers safe.
 */
@Component
public class SeenMessages {

    private static final String COLLECTION = "seen";

    private final MongoStore store;
    private final Clock clock;

    SeenMessages(MongoStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    public boolean published(InboundMessage message) {
        return store.awaitOptional(store.collection(COLLECTION).find(Filters.eq("_id", key(message))).first())
                .isPresent();
    }

    public void remember(InboundMessage message) {
        store.insertIfAbsent(COLLECTION, new Document("_id", key(message))
                .append("account", message.account().id())
                .append("publishedAt", Date.from(clock.instant())));
    }

    /** Edits are told apart by their platform timestamp: a second edit of one message is news, a redelivery not. */
    private static String key(InboundMessage message) {
        String key = message.messageId() + "|" + message.kind().name();
        return message.kind() == MessageKind.EDIT && message.platformTimestamp() != null
                ? key + "|" + message.platformTimestamp().toEpochMilli() : key;
    }
}
