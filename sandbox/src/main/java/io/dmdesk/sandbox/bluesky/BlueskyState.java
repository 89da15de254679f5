package io.dmdesk.sandbox.bluesky;

import io.dmdesk.sandbox.state.StateChanged;
import io.dmdesk.sandbox.state.StatePart;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Chat logs per account (revs increase, the getLog cursor is the last rev seen) and mention notifications.
 * Revs are zero-padded base-32 like real TIDs, so they sort as strings.
 */
@Component
class BlueskyState implements StatePart {

    record ChatMessage(
            String rev,
            String convoId,
            String messageId,
            String senderDid,
            String recipientDid,
            String text,
            Instant sentAt) {}

    record Mention(
            String uri,
            String cid,
            String authorDid,
            String authorHandle,
            String recipientDid,
            String text,
            Instant createdAt) {}

    /** A post a monitored account published in reply to a citizen's post (com.atproto.repo.createRecord). */
    record Reply(
            String uri,
            String cid,
            String authorDid,
            String text,
            String rootUri,
            String rootCid,
            String parentUri,
            String parentCid,
            String parentAuthorDid,
            Instant createdAt) {}

    private final List<Reply> replies = new ArrayList<>();
    /** Citizens' handles by DID, kept with the rest so replies name the citizen after a restart too. */
    private final Map<String, String> handles = new HashMap<>();

    private final Clock clock;
    private final ApplicationEventPublisher events;
    private final List<ChatMessage> chat = new ArrayList<>();
    private final List<Mention> mentions = new ArrayList<>();
    private final AtomicLong sequence = new AtomicLong(System.currentTimeMillis() * 1000);

    BlueskyState(Clock clock, ApplicationEventPublisher events) {
        this.clock = clock;
        this.events = events;
    }

    /** Remembers a citizen's handle (their DID derives from it, but not the other way round). */
    void citizen(String did, String handle) {
        boolean added;
        synchronized (this) {
            added = !handle.equals(handles.put(did, handle));
        }
        if (added) {
            events.publishEvent(new StateChanged(name()));
        }
    }

    synchronized Optional<String> handle(String did) {
        return Optional.ofNullable(handles.get(did));
    }

    String nextRev() {
        return String.format("%13s", Long.toString(sequence.incrementAndGet(), 32))
                .replace(' ', '2');
    }

    ChatMessage message(String senderDid, String recipientDid, String text) {
        ChatMessage m;
        synchronized (this) {
            String rev = nextRev();
            m = new ChatMessage(
                    rev,
                    "convo-" + Integer.toHexString((senderDid + recipientDid).hashCode()),
                    rev,
                    senderDid,
                    recipientDid,
                    text,
                    Instant.now(clock));
            chat.add(m);
        }
        events.publishEvent(new StateChanged(name()));
        return m;
    }

    /**
     * A message into an existing conversation (chat.bsky.convo.sendMessage): the convo must include the sender.
     *
     * @return empty when the sender is not a member of that conversation
     */
    Optional<ChatMessage> send(String convoId, String senderDid, String text) {
        ChatMessage m;
        synchronized (this) {
            Optional<String> other = chat.stream()
                    .filter(c -> c.convoId().equals(convoId))
                    .filter(c ->
                            c.senderDid().equals(senderDid) || c.recipientDid().equals(senderDid))
                    .map(c -> c.senderDid().equals(senderDid) ? c.recipientDid() : c.senderDid())
                    .findFirst();
            if (other.isEmpty()) {
                return Optional.empty();
            }
            String rev = nextRev();
            m = new ChatMessage(rev, convoId, rev, senderDid, other.get(), text, Instant.now(clock));
            chat.add(m);
        }
        events.publishEvent(new StateChanged(name()));
        return Optional.of(m);
    }

    /** Messages of one conversation the account is a member of, newest first, older than {@code cursor}. */
    synchronized List<ChatMessage> messages(String did, String convoId, String cursor, int limit) {
        List<ChatMessage> mine = new ArrayList<>(chat.stream()
                .filter(m -> m.convoId().equals(convoId))
                .filter(m -> m.senderDid().equals(did) || m.recipientDid().equals(did))
                .filter(m -> cursor == null || cursor.isEmpty() || m.rev().compareTo(cursor) < 0)
                .toList());
        Collections.reverse(mine);
        return mine.subList(0, Math.min(limit, mine.size()));
    }

    /** Everything monitored accounts sent, oldest first. */
    synchronized List<ChatMessage> sentBy(Set<String> dids) {
        return chat.stream().filter(m -> dids.contains(m.senderDid())).toList();
    }

    Mention mention(String authorDid, String authorHandle, String recipientDid, String text) {
        Mention m;
        synchronized (this) {
            String rkey = nextRev();
            m = new Mention(
                    "at://" + authorDid + "/app.bsky.feed.post/" + rkey,
                    "bafyrei" + rkey,
                    authorDid,
                    authorHandle,
                    recipientDid,
                    text,
                    Instant.now(clock));
            mentions.add(m);
        }
        events.publishEvent(new StateChanged(name()));
        return m;
    }

    synchronized Optional<Mention> post(String uri) {
        return mentions.stream().filter(m -> m.uri().equals(uri)).findFirst();
    }

    Reply reply(String authorDid, String text, String rootUri, String rootCid, Mention parent) {
        Reply r;
        synchronized (this) {
            String rkey = nextRev();
            r = new Reply(
                    "at://" + authorDid + "/app.bsky.feed.post/" + rkey,
                    "bafyrei" + rkey,
                    authorDid,
                    text,
                    rootUri,
                    rootCid,
                    parent.uri(),
                    parent.cid(),
                    parent.authorDid(),
                    Instant.now(clock));
            replies.add(r);
        }
        events.publishEvent(new StateChanged(name()));
        return r;
    }

    synchronized List<Reply> repliesBy(Set<String> dids) {
        return replies.stream().filter(r -> dids.contains(r.authorDid())).toList();
    }

    /** Log entries of the account's conversations after {@code cursor} (a rev), oldest first. */
    synchronized List<ChatMessage> log(String did, String cursor) {
        return chat.stream()
                .filter(m -> m.recipientDid().equals(did) || m.senderDid().equals(did))
                .filter(m -> cursor == null || m.rev().compareTo(cursor) > 0)
                .limit(100)
                .toList();
    }

    /** The account's mention notifications, newest first; {@code cursor} pages to older ones. */
    synchronized List<Mention> notifications(String did, String cursor, int limit) {
        List<Mention> mine = new ArrayList<>(mentions.stream()
                .filter(m -> m.recipientDid().equals(did))
                .filter(m -> cursor == null
                        || m.uri().substring(m.uri().lastIndexOf('/') + 1).compareTo(cursor) < 0)
                .toList());
        Collections.reverse(mine);
        return mine.subList(0, Math.min(limit, mine.size()));
    }

    @Override
    public String name() {
        return "bluesky";
    }

    @Override
    public synchronized JsonNode snapshot(JsonMapper mapper) {
        return mapper.valueToTree(
                new Snapshot(List.copyOf(chat), List.copyOf(mentions), List.copyOf(replies), Map.copyOf(handles)));
    }

    @Override
    public synchronized void restore(JsonNode node, JsonMapper mapper) {
        Snapshot s = mapper.treeToValue(node, Snapshot.class);
        chat.addAll(s.chat());
        mentions.addAll(s.mentions());
        if (s.replies() != null) {
            replies.addAll(s.replies());
        }
        if (s.handles() != null) {
            handles.putAll(s.handles());
        }
        // Snapshots written before handles were kept: mentions carry their author's handle.
        mentions.forEach(m -> handles.putIfAbsent(m.authorDid(), m.authorHandle()));
    }

    @Override
    public synchronized void clear() {
        chat.clear();
        mentions.clear();
        replies.clear();
        handles.clear();
    }

    record Snapshot(List<ChatMessage> chat, List<Mention> mentions, List<Reply> replies, Map<String, String> handles) {}
}
