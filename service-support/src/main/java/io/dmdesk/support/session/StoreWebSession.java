package io.dmdesk.support.session;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.web.server.WebSession;
import reactor.core.publisher.Mono;

/**
 * One request's view of a stored session. A new session is inserted on its first save; a stored one is replaced,
 * never re-created, so a request still in flight when the session was invalidated elsewhere (logout on another
 * replica) cannot bring it back.
 */
final class StoreWebSession implements WebSession {

    private enum State {
        NEW,
        STARTED,
        EXPIRED
    }

    private final MongoWebSessionStore store;
    private final Map<String, Object> attributes = new ConcurrentHashMap<>();
    private final AtomicReference<State> state;
    private final Instant created;
    private volatile String id;
    private volatile Instant lastAccess;
    private volatile Duration maxIdle;
    /** Whether the store holds a document for the current id. */
    private volatile boolean persisted;

    /** A fresh session, not in the store until it starts and is saved. */
    StoreWebSession(MongoWebSessionStore store, String id, Instant now, Duration maxIdle) {
        this.store = store;
        this.id = id;
        this.created = now;
        this.lastAccess = now;
        this.maxIdle = maxIdle;
        this.state = new AtomicReference<>(State.NEW);
    }

    /** A session read from the store, accessed now. */
    StoreWebSession(MongoWebSessionStore store, String id, StoredSession stored, Instant now) {
        this.store = store;
        this.id = id;
        this.created = stored.created();
        this.lastAccess = now;
        this.maxIdle = stored.maxIdle();
        this.attributes.putAll(SessionAttributes.attributes(stored));
        this.state = new AtomicReference<>(State.STARTED);
        this.persisted = true;
    }

    @Override
    public String getId() {
        return id;
    }

    @Override
    public Map<String, Object> getAttributes() {
        return attributes;
    }

    @Override
    public void start() {
        state.compareAndSet(State.NEW, State.STARTED);
    }

    @Override
    public boolean isStarted() {
        State current = state.get();
        return current == State.STARTED || (current == State.NEW && !attributes.isEmpty());
    }

    /** The old id's document goes at once; the new id is written when the request saves the session. */
    @Override
    public Mono<Void> changeSessionId() {
        String old = id;
        id = store.newId();
        if (!persisted) {
            return Mono.empty();
        }
        persisted = false;
        return store.delete(old).then();
    }

    @Override
    public Mono<Void> invalidate() {
        state.set(State.EXPIRED);
        attributes.clear();
        if (!persisted) {
            return Mono.empty();
        }
        persisted = false;
        return store.delete(id).then();
    }

    @Override
    public Mono<Void> save() {
        if (state.get() == State.EXPIRED || !isStarted()) {
            return Mono.empty();
        }
        state.compareAndSet(State.NEW, State.STARTED);
        StoredSession snapshot = store.snapshot(this);
        if (persisted) {
            return store.replace(snapshot);
        }
        return store.insert(snapshot).doOnSuccess(v -> persisted = true);
    }

    @Override
    public boolean isExpired() {
        if (state.get() == State.EXPIRED) {
            return true;
        }
        if (!store.expiresAt(this).isAfter(store.now())) {
            state.set(State.EXPIRED);
            return true;
        }
        return false;
    }

    @Override
    public Instant getCreationTime() {
        return created;
    }

    @Override
    public Instant getLastAccessTime() {
        return lastAccess;
    }

    void accessed(Instant now) {
        lastAccess = now;
    }

    @Override
    public void setMaxIdleTime(Duration maxIdleTime) {
        this.maxIdle = maxIdleTime;
    }

    @Override
    public Duration getMaxIdleTime() {
        return maxIdle;
    }
}
