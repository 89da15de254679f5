package io.dmdesk.support.credentials;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import com.mongodb.reactivestreams.client.MongoCollection;
import io.dmdesk.support.mongo.DocumentStore;
import io.dmdesk.support.mongo.MongoStore;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.bson.Document;

/**
 * The one owner of {@code platform_credentials}, in a database the services that call platforms share (intake
 * renews, notifier reads). A renewer writes only while it holds the credential's lease, so two intake replicas never
 * spend X's one-time refresh token twice.
 */
@DocumentStore("platform_credentials")
public class CredentialStore {

    static final String COLLECTION = "platform_credentials";
    private static final Date NO_LEASE = new Date(0);

    private final MongoStore store;

    public CredentialStore(MongoStore store) {
        this.store = store;
    }

    private MongoCollection<Document> credentials() {
        return store.collection(COLLECTION);
    }

    public Optional<PlatformCredential> find(String key) {
        return store.awaitOptional(credentials().find(Filters.eq("_id", key)).first())
                .map(CredentialStore::credential);
    }

    public List<PlatformCredential> all() {
        return store.awaitAll(credentials().find()).stream()
                .map(CredentialStore::credential)
                .toList();
    }

    /** Takes the credential's lease until {@code until} when nobody holds it; false when another renewer does. */
    boolean lease(String key, String platform, String owner, Instant now, Instant until) {
        store.insertIfAbsent(
                COLLECTION,
                new Document("_id", key)
                        .append("platform", platform)
                        .append("leaseOwner", null)
                        .append("leaseUntil", NO_LEASE));
        Document leased = store.await(credentials()
                .findOneAndUpdate(
                        Filters.and(Filters.eq("_id", key), Filters.lte("leaseUntil", Date.from(now))),
                        Updates.combine(Updates.set("leaseOwner", owner), Updates.set("leaseUntil", Date.from(until))),
                        new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER)));
        return leased != null && owner.equals(leased.getString("leaseOwner"));
    }

    /** Stores what the lease holder renewed and gives the lease back; false when the lease was lost meanwhile. */
    boolean save(PlatformCredential c, String owner) {
        var result = store.await(credentials()
                .updateOne(
                        Filters.and(Filters.eq("_id", c.key()), Filters.eq("leaseOwner", owner)),
                        Updates.combine(
                                Updates.set("platform", c.platform()),
                                Updates.set("bootstrap", c.bootstrap()),
                                Updates.set("accessToken", c.accessToken()),
                                Updates.set("expiresAt", date(c.expiresAt())),
                                Updates.set("renewalToken", c.renewalToken()),
                                Updates.set("renewalExpiresAt", date(c.renewalExpiresAt())),
                                Updates.set("dataAccessExpiresAt", date(c.dataAccessExpiresAt())),
                                Updates.set("renewedAt", date(c.renewedAt())),
                                Updates.set("reconnectRequired", c.reconnectRequired()),
                                Updates.set("problem", c.problem()),
                                Updates.set("leaseOwner", null),
                                Updates.set("leaseUntil", NO_LEASE))));
        return result != null && result.getMatchedCount() == 1;
    }

    private static PlatformCredential credential(Document d) {
        return new PlatformCredential(
                d.getString("_id"),
                d.getString("platform"),
                d.getString("bootstrap"),
                d.getString("accessToken"),
                instant(d.getDate("expiresAt")),
                d.getString("renewalToken"),
                instant(d.getDate("renewalExpiresAt")),
                instant(d.getDate("dataAccessExpiresAt")),
                instant(d.getDate("renewedAt")),
                Boolean.TRUE.equals(d.getBoolean("reconnectRequired")),
                d.getString("problem"));
    }

    private static Date date(Instant i) {
        return i == null ? null : Date.from(i);
    }

    private static Instant instant(Date d) {
        return d == null ? null : d.toInstant();
    }
}
