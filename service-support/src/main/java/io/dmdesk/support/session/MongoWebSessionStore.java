package io.dmdesk.support.session;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.lte;

import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.reactivestreams.client.MongoCollection;
import io.dmdesk.support.mongo.DocumentStore;
import io.dmdesk.support.mongo.MongoStore;
import io.dmdesk.support.session.StoredSession.IdToken;
import io.dmdesk.support.session.StoredSession.PendingLogin;
import io.dmdesk.support.session.StoredSession.SignedIn;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.server.WebSession;
import org.springframework.web.server.session.WebSessionStore;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Browser sessions in the service's own store, so they survive a restart and work on every replica. Documents are
 * keyed by the SHA-256 of the session id (a copy of the store hands nobody a session) and are the only place that
 * knows the collection's field names. A session ends after its idle timeout or, however busy, its absolute timeout:
 * it is refused from then on, and removed (with an ACCESS audit entry when someone was signed in) by the request
 * that finds it expired or by {@link #sweep()}. A TTL index a day later removes whatever neither reached.
 */
@DocumentStore(MongoWebSessionStore.COLLECTION)
public class MongoWebSessionStore implements WebSessionStore {

    static final String COLLECTION = "web_sessions";
    private static final Duration PURGE_AFTER = Duration.ofDays(1);
    private static final Logger log = LoggerFactory.getLogger(MongoWebSessionStore.class);

    private final MongoCollection<Document> sessions;
    private final Duration timeout;
    private final Duration idleTimeout;
    private final Duration absoluteTimeout;
    private final Clock clock;
    private final SessionExpiries expiries;
    private final SecureRandom random = new SecureRandom();

    public MongoWebSessionStore(
            MongoStore store, Duration idleTimeout, Duration absoluteTimeout, Clock clock, SessionExpiries expiries) {
        this.sessions = store.collection(COLLECTION);
        this.timeout = store.timeout();
        this.idleTimeout = idleTimeout;
        this.absoluteTimeout = absoluteTimeout;
        this.clock = clock;
        this.expiries = expiries;
    }

    /** The expiry index for the sweep, and the TTL index where the store supports one (the embedded one may not). */
    public void createIndexes() {
        Mono.from(sessions.createIndex(Indexes.ascending("expiresAt"))).block(timeout);
        try {
            Mono.from(sessions.createIndex(
                            Indexes.ascending("purgeAt"), new IndexOptions().expireAfter(0L, TimeUnit.SECONDS)))
                    .block(timeout);
        } catch (RuntimeException e) {
            log.info(
                    "The store has no TTL index for {} ({}): the sweep alone removes expired sessions",
                    COLLECTION,
                    e.getClass().getSimpleName());
        }
    }

    @Override
    public Mono<WebSession> createWebSession() {
        return Mono.fromSupplier(() -> new StoreWebSession(this, newId(), now(), idleTimeout));
    }

    @Override
    public Mono<WebSession> retrieveSession(String id) {
        String hash = hash(id);
        return Mono.from(sessions.find(eq("_id", hash)).first())
                .timeout(timeout)
                .map(MongoWebSessionStore::fromDocument)
                .flatMap(stored -> {
                    Instant now = now();
                    if (!stored.expiresAt().isAfter(now)) {
                        return expire(stored, now).then(Mono.empty());
                    }
                    return Mono.just(new StoreWebSession(this, id, stored, now));
                });
    }

    @Override
    public Mono<Void> removeSession(String id) {
        return delete(id).then();
    }

    @Override
    public Mono<WebSession> updateLastAccessTime(WebSession webSession) {
        return Mono.fromSupplier(() -> {
            if (webSession instanceof StoreWebSession session) {
                session.accessed(now());
            }
            return webSession;
        });
    }

    /** Removes every expired session, auditing those someone was signed in with; returns how many went. */
    public Mono<Long> sweep() {
        Instant now = now();
        return Flux.from(sessions.find(lte("expiresAt", Date.from(now))))
                .timeout(timeout)
                .map(MongoWebSessionStore::fromDocument)
                .concatMap(stored -> expire(stored, now))
                .filter(Boolean::booleanValue)
                .count();
    }

    /** Deletes one expired session if it is still there; whoever deletes it audits it, so it is audited once. */
    private Mono<Boolean> expire(StoredSession stored, Instant now) {
        return Mono.from(sessions.deleteOne(and(eq("_id", stored.idHash()), lte("expiresAt", Date.from(now)))))
                .timeout(timeout)
                .flatMap(result -> result.getDeletedCount() == 0
                        ? Mono.just(false)
                        : expiries.expired(stored, reason(stored)).thenReturn(true));
    }

    private String reason(StoredSession stored) {
        return stored.lastAccess().plus(stored.maxIdle()).isAfter(stored.expiresAt())
                ? "absolute-timeout"
                : "idle-timeout";
    }

    Mono<Void> insert(StoredSession stored) {
        return Mono.from(sessions.insertOne(toDocument(stored)))
                .timeout(timeout)
                .then();
    }

    /** Without upsert: a session deleted meanwhile (logout, expiry, a new id) stays deleted. */
    Mono<Void> replace(StoredSession stored) {
        return Mono.from(sessions.replaceOne(
                        eq("_id", stored.idHash()), toDocument(stored), new ReplaceOptions().upsert(false)))
                .timeout(timeout)
                .then();
    }

    Mono<Boolean> delete(String id) {
        return Mono.from(sessions.deleteOne(eq("_id", hash(id))))
                .timeout(timeout)
                .map(result -> result.getDeletedCount() > 0);
    }

    StoredSession snapshot(StoreWebSession session) {
        Map<String, Object> attributes = session.getAttributes();
        return new StoredSession(
                hash(session.getId()),
                session.getCreationTime(),
                session.getLastAccessTime(),
                session.getMaxIdleTime(),
                expiresAt(session),
                SessionAttributes.signedIn(attributes),
                SessionAttributes.strings(attributes),
                SessionAttributes.pendingLogin(attributes));
    }

    Instant expiresAt(WebSession session) {
        Instant idle = session.getLastAccessTime().plus(session.getMaxIdleTime());
        Instant absolute = session.getCreationTime().plus(absoluteTimeout);
        return idle.isBefore(absolute) ? idle : absolute;
    }

    Instant now() {
        return clock.instant();
    }

    /** 32 random bytes, URL-safe Base64: the cookie value. */
    String newId() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String hash(String id) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private static Document toDocument(StoredSession s) {
        Document d = new Document("_id", s.idHash())
                .append("created", Date.from(s.created()))
                .append("lastAccess", Date.from(s.lastAccess()))
                .append("maxIdleMillis", s.maxIdle().toMillis())
                .append("expiresAt", Date.from(s.expiresAt()))
                .append("purgeAt", Date.from(s.expiresAt().plus(PURGE_AFTER)));
        if (s.signedIn() != null) {
            SignedIn in = s.signedIn();
            Document signedIn = new Document("method", in.method())
                    .append("name", in.name())
                    .append("authorities", in.authorities())
                    .append("registrationId", in.registrationId());
            if (in.idToken() != null) {
                IdToken t = in.idToken();
                signedIn.append(
                        "idToken",
                        new Document("value", t.value())
                                .append("subject", t.subject())
                                .append("issuedAt", date(t.issuedAt()))
                                .append("expiresAt", date(t.expiresAt())));
            }
            d.append("signedIn", signedIn);
        }
        // Attribute names contain dots: a list of pairs, not a sub-document keyed by name.
        d.append("attributes", pairs(s.attributes()));
        if (s.pendingLogin() != null) {
            PendingLogin p = s.pendingLogin();
            d.append(
                    "pendingLogin",
                    new Document("attribute", p.attribute())
                            .append("authorizationUri", p.authorizationUri())
                            .append("clientId", p.clientId())
                            .append("redirectUri", p.redirectUri())
                            .append("scopes", p.scopes())
                            .append("state", p.state())
                            .append("additionalParameters", pairs(p.additionalParameters()))
                            .append("attributes", pairs(p.attributes()))
                            .append("authorizationRequestUri", p.authorizationRequestUri()));
        }
        return d;
    }

    private static StoredSession fromDocument(Document d) {
        SignedIn signedIn = null;
        Document in = d.get("signedIn", Document.class);
        if (in != null) {
            Document t = in.get("idToken", Document.class);
            IdToken idToken = t == null
                    ? null
                    : new IdToken(
                            t.getString("value"),
                            t.getString("subject"),
                            instant(t.getDate("issuedAt")),
                            instant(t.getDate("expiresAt")));
            signedIn = new SignedIn(
                    in.getString("method"),
                    in.getString("name"),
                    in.getList("authorities", String.class),
                    in.getString("registrationId"),
                    idToken);
        }
        PendingLogin pendingLogin = null;
        Document p = d.get("pendingLogin", Document.class);
        if (p != null) {
            pendingLogin = new PendingLogin(
                    p.getString("attribute"),
                    p.getString("authorizationUri"),
                    p.getString("clientId"),
                    p.getString("redirectUri"),
                    p.getList("scopes", String.class),
                    p.getString("state"),
                    map(p, "additionalParameters"),
                    map(p, "attributes"),
                    p.getString("authorizationRequestUri"));
        }
        return new StoredSession(
                d.getString("_id"),
                instant(d.getDate("created")),
                instant(d.getDate("lastAccess")),
                Duration.ofMillis(d.get("maxIdleMillis", Number.class).longValue()),
                instant(d.getDate("expiresAt")),
                signedIn,
                map(d, "attributes"),
                pendingLogin);
    }

    private static List<Document> pairs(Map<String, String> values) {
        List<Document> pairs = new ArrayList<>();
        values.forEach((k, v) -> pairs.add(new Document("name", k).append("value", v)));
        return pairs;
    }

    private static Map<String, String> map(Document d, String field) {
        Map<String, String> values = new LinkedHashMap<>();
        List<Document> pairs = d.getList(field, Document.class);
        if (pairs != null) {
            pairs.forEach(pair -> values.put(pair.getString("name"), pair.getString("value")));
        }
        return values;
    }

    private static Date date(Instant instant) {
        return instant == null ? null : Date.from(instant);
    }

    private static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }
}
