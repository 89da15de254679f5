package io.dmdesk.sandbox.meta;

import io.dmdesk.sandbox.state.StateChanged;
import io.dmdesk.sandbox.state.StatePart;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Everything citizens sent to the pages and Instagram accounts: DMs, comments, story mentions. */
@Component
class MetaMessages implements StatePart {

    /**
     * @param platform messenger, instagram or facebook
     * @param kind dm, comment or story_mention from citizens; sent for what the page sent (Send API)
     * @param ownerId the page id (messenger, facebook) or Instagram account id
     * @param recipientId the citizen a sent message went to (null for citizens' messages)
     */
    record Message(
            String id,
            String platform,
            String kind,
            String ownerId,
            String senderId,
            String senderName,
            String text,
            String postId,
            Instant createdAt,
            String recipientId) {}

    private final Clock clock;
    private final ApplicationEventPublisher events;
    private final List<Message> messages = new ArrayList<>();
    private final AtomicLong sequence = new AtomicLong(System.currentTimeMillis());

    MetaMessages(Clock clock, ApplicationEventPublisher events) {
        this.clock = clock;
        this.events = events;
    }

    Message add(String platform, String kind, String ownerId, String senderId, String senderName, String text) {
        long n = sequence.incrementAndGet();
        String id = switch (kind) {
            case "comment" -> "facebook".equals(platform) ? ownerId + "_" + n : Long.toString(n);
            default -> ("instagram".equals(platform) ? "aWdf" : "m_") + Long.toString(n, 36);
        };
        Message m = new Message(
                id,
                platform,
                kind,
                ownerId,
                senderId,
                senderName,
                text,
                "comment".equals(kind) ? ownerId + "_100" : null,
                Instant.now(clock),
                null);
        synchronized (this) {
            messages.add(m);
        }
        events.publishEvent(new StateChanged(name()));
        return m;
    }

    synchronized List<Message> dms(String platform, String ownerId) {
        return messages.stream()
                .filter(m -> m.platform().equals(platform)
                        && m.ownerId().equals(ownerId)
                        && !"comment".equals(m.kind())
                        && !"sent".equals(m.kind())
                        && !"comment_reply".equals(m.kind()))
                .toList();
    }

    /** Citizens' DMs to this page or Instagram account and what it sent them, oldest first. */
    synchronized List<Message> conversationMessages(String platform, String ownerId) {
        return messages.stream()
                .filter(m -> m.platform().equals(platform)
                        && m.ownerId().equals(ownerId)
                        && ("dm".equals(m.kind()) || "sent".equals(m.kind())))
                .toList();
    }

    /** Citizens' comments on this page's posts (facebook) or this Instagram account's media, oldest first. */
    synchronized List<Message> comments(String platform, String ownerId) {
        return messages.stream()
                .filter(m -> m.platform().equals(platform) && m.ownerId().equals(ownerId) && "comment".equals(m.kind()))
                .toList();
    }

    /** The citizen's latest DM to this page or Instagram account, if they ever wrote. */
    synchronized Optional<Message> lastFrom(String platform, String ownerId, String senderId) {
        return dms(platform, ownerId).stream()
                .filter(m -> m.senderId().equals(senderId) && "dm".equals(m.kind()))
                .reduce((a, b) -> b);
    }

    /** Records what the page (or Instagram account) sent through the Send API. */
    Message sent(String platform, String ownerId, String recipientId, String recipientName, String text) {
        long n = sequence.incrementAndGet();
        Message m = new Message(
                ("instagram".equals(platform) ? "aWdf" : "m_") + Long.toString(n, 36),
                platform,
                "sent",
                ownerId,
                ownerId,
                recipientName,
                text,
                null,
                Instant.now(clock),
                recipientId);
        synchronized (this) {
            messages.add(m);
        }
        events.publishEvent(new StateChanged(name()));
        return m;
    }

    /** A citizen's comment by id, if there is one. */
    synchronized Optional<Message> comment(String platform, String commentId) {
        return messages.stream()
                .filter(m -> m.platform().equals(platform) && "comment".equals(m.kind()) && m.id().equals(commentId))
                .findFirst();
    }

    /** Records the page's (or Instagram account's) public reply under a citizen's comment. */
    Message commentReply(Message comment, String text) {
        long n = sequence.incrementAndGet();
        String id = "facebook".equals(comment.platform()) ? comment.postId() + "_" + n : Long.toString(n);
        Message m = new Message(
                id,
                comment.platform(),
                "comment_reply",
                comment.ownerId(),
                comment.ownerId(),
                comment.senderName(),
                text,
                comment.id(),
                Instant.now(clock),
                comment.senderId());
        synchronized (this) {
            messages.add(m);
        }
        events.publishEvent(new StateChanged(name()));
        return m;
    }

    /** The replies under a comment (postId holds the comment answered), oldest first. */
    synchronized List<Message> commentReplies(String platform, String commentId) {
        return messages.stream()
                .filter(m -> m.platform().equals(platform)
                        && "comment_reply".equals(m.kind())
                        && commentId.equals(m.postId()))
                .toList();
    }

    synchronized List<Message> commentReplies(String platform) {
        return messages.stream()
                .filter(m -> m.platform().equals(platform) && "comment_reply".equals(m.kind()))
                .toList();
    }

    synchronized List<Message> sent(String platform) {
        return messages.stream()
                .filter(m -> m.platform().equals(platform) && "sent".equals(m.kind()))
                .toList();
    }

    @Override
    public String name() {
        return "meta";
    }

    @Override
    public synchronized JsonNode snapshot(JsonMapper mapper) {
        return mapper.valueToTree(List.copyOf(messages));
    }

    @Override
    public synchronized void restore(JsonNode node, JsonMapper mapper) {
        node.forEach(m -> messages.add(mapper.treeToValue(m, Message.class)));
    }

    @Override
    public synchronized void clear() {
        messages.clear();
    }
}
