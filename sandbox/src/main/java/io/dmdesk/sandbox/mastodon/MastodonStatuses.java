package io.dmdesk.sandbox.mastodon;

import io.dmdesk.sandbox.state.SnowflakeIds;
import io.dmdesk.sandbox.state.StateChanged;
import io.dmdesk.sandbox.state.StatePart;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.NavigableMap;
import java.util.TreeMap;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Statuses citizens posted to monitored accounts and the mention notifications they raised; also replies. */
@Component
class MastodonStatuses implements StatePart {

    /** A status; {@code content} is HTML, as Mastodon serves it. */
    record Status(
            String id,
            String accountId,
            String username,
            String displayName,
            String content,
            String visibility,
            String inReplyToId,
            String recipientId,
            Instant createdAt) {}

    record Notification(String id, String recipientId, Status status) {}

    private final SnowflakeIds ids;
    private final Clock clock;
    private final ApplicationEventPublisher events;
    private final NavigableMap<Long, Notification> notifications = new TreeMap<>();
    private final List<Status> replies = new ArrayList<>();

    MastodonStatuses(SnowflakeIds ids, Clock clock, ApplicationEventPublisher events) {
        this.ids = ids;
        this.clock = clock;
        this.events = events;
    }

    Notification mention(
            String recipientId, String accountId, String username, String displayName, String html, String visibility) {
        Notification n;
        synchronized (this) {
            Status status = new Status(
                    Long.toString(ids.next()),
                    accountId,
                    username,
                    displayName,
                    html,
                    visibility,
                    null,
                    recipientId,
                    Instant.now(clock));
            n = new Notification(Long.toString(ids.next()), recipientId, status);
            notifications.put(Long.parseLong(n.id()), n);
        }
        events.publishEvent(new StateChanged(name()));
        return n;
    }

    synchronized Status reply(
            String accountId, String username, String displayName, String html, String visibility, String inReplyToId) {
        Status status = new Status(
                Long.toString(ids.next()),
                accountId,
                username,
                displayName,
                html,
                visibility,
                inReplyToId,
                null,
                Instant.now(clock));
        replies.add(status);
        events.publishEvent(new StateChanged(name()));
        return status;
    }

    synchronized List<Status> replies() {
        return List.copyOf(replies);
    }

    synchronized Status status(String id) {
        return notifications.values().stream()
                .map(Notification::status)
                .filter(s -> s.id().equals(id))
                .findFirst()
                .orElse(null);
    }

    /**
     * Mastodon's paging: {@code max_id} older than, {@code since_id} newer than (the newest page), {@code min_id}
     * newer than (the page right after it); always answered newest first.
     */
    synchronized List<Notification> page(String recipientId, Long maxId, Long sinceId, Long minId, int limit) {
        NavigableMap<Long, Notification> range = notifications;
        if (maxId != null) {
            range = range.headMap(maxId, false);
        }
        Long lower = minId != null ? minId : sinceId;
        if (lower != null) {
            range = range.tailMap(lower, false);
        }
        List<Notification> mine = new ArrayList<>();
        Iterable<Notification> order =
                minId != null ? range.values() : range.descendingMap().values();
        for (Notification n : order) {
            if (n.recipientId().equals(recipientId)) {
                mine.add(n);
                if (mine.size() == limit) {
                    break;
                }
            }
        }
        if (minId != null) {
            Collections.reverse(mine);
        }
        return mine;
    }

    @Override
    public String name() {
        return "mastodon";
    }

    @Override
    public synchronized JsonNode snapshot(JsonMapper mapper) {
        return mapper.valueToTree(new Snapshot(List.copyOf(notifications.values()), List.copyOf(replies)));
    }

    @Override
    public synchronized void restore(JsonNode node, JsonMapper mapper) {
        Snapshot s = mapper.treeToValue(node, Snapshot.class);
        s.notifications().forEach(n -> notifications.put(Long.parseLong(n.id()), n));
        replies.addAll(s.replies());
    }

    @Override
    public synchronized void clear() {
        notifications.clear();
        replies.clear();
    }

    record Snapshot(List<Notification> notifications, List<Status> replies) {}
}
