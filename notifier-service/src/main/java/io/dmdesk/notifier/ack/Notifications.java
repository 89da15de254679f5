package io.dmdesk.notifier.ack;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.dmdesk.support.mongo.MongoStore;
import java.time.Clock;
import java.util.Date;
import java.util.Optional;
import org.bson.Document;
import org.springframework.stereotype.Component;

/**
 * Send intents, one per report and kind: stored SENDING before the platform call and SENT after it, so
 * redelivery and restarts never send twice what is known to be sent.
 */
@Component
public class Notifications {

    private static final String COLLECTION = "notifications";

    private final MongoStore store;
    private final Clock clock;

    Notifications(MongoStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    public static String id(String reportId, String kind) {
        return reportId + ":" + kind;
    }

    public Optional<String> state(String id) {
        return store.awaitOptional(store.collection(COLLECTION).find(Filters.eq("_id", id)).first())
                .map(d -> d.getString("state"));
    }

    public void intend(String id, String reportId, String platform, String accountId, String template) {
        store.insertIfAbsent(COLLECTION, new Document("_id", id).append("reportId", reportId)
                .append("state", "SENDING").append("platform", platform).append("account", accountId)
                .append("template", template).append("createdAt", Date.from(clock.instant())));
    }

    public void markSent(String id, String platformMessageId) {
        store.await(store.collection(COLLECTION).updateOne(Filters.eq("_id", id), Updates.combine(
                Updates.set("state", "SENT"), Updates.set("platformMessageId", platformMessageId),
                Updates.set("sentAt", Date.from(clock.instant())))));
    }

    public void markUndeliverable(String id, String reason) {
        store.await(store.collection(COLLECTION).updateOne(Filters.eq("_id", id), Updates.combine(
                Updates.set("state", "CANNOT_REPLY_ON_CHANNEL"), Updates.set("reason", reason))));
    }
}
