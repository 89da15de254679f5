package io.dmdesk.intake.cursor;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import io.dmdesk.support.mongo.DocumentStore;
import io.dmdesk.support.mongo.MongoStore;
import java.time.Clock;
import java.util.Date;
import java.util.Optional;
import org.bson.Document;
import org.springframework.stereotype.Component;

/** Where each account's pull stopped: saved only after the messages before it were acknowledged by Kafka. */
@Component
@DocumentStore("cursors")
public class CursorStore {

    private static final String COLLECTION = "cursors";

    private final MongoStore store;
    private final Clock clock;

    CursorStore(MongoStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    public Optional<String> get(String accountId, String stream) {
        return store.awaitOptional(store.collection(COLLECTION)
                        .find(Filters.eq("_id", key(accountId, stream)))
                        .first())
                .map(d -> d.getString("position"));
    }

    public void save(String accountId, String stream, String position) {
        Document doc = new Document("_id", key(accountId, stream))
                .append("account", accountId)
                .append("stream", stream)
                .append("position", position)
                .append("updatedAt", Date.from(clock.instant()));
        store.await(store.collection(COLLECTION)
                .replaceOne(Filters.eq("_id", doc.get("_id")), doc, new ReplaceOptions().upsert(true)));
    }

    private static String key(String accountId, String stream) {
        return accountId + ":" + stream;
    }
}
