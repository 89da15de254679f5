package io.dmdesk.sandbox.x;

import io.dmdesk.sandbox.state.SnowflakeIds;
import io.dmdesk.sandbox.state.StateChanged;
import io.dmdesk.sandbox.state.StatePart;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Posts monitored accounts published in reply to citizens' mentions (POST /2/tweets with reply). */
@Component
class XPublicReplies implements StatePart {

    record Reply(
            long id, String authorId, long inReplyToId, String inReplyToAuthorId, String text, Instant createdAt) {}

    private final SnowflakeIds ids;
    private final Clock clock;
    private final ApplicationEventPublisher events;
    private final List<Reply> replies = new ArrayList<>();

    XPublicReplies(SnowflakeIds ids, Clock clock, ApplicationEventPublisher events) {
        this.ids = ids;
        this.clock = clock;
        this.events = events;
    }

    Reply reply(String authorId, Post to, String text) {
        Reply reply;
        synchronized (this) {
            reply = new Reply(ids.next(), authorId, to.id(), to.authorId(), text, Instant.now(clock));
            replies.add(reply);
        }
        events.publishEvent(new StateChanged(name()));
        return reply;
    }

    synchronized List<Reply> all() {
        return List.copyOf(replies);
    }

    @Override
    public String name() {
        return "x-public-replies";
    }

    @Override
    public synchronized JsonNode snapshot(JsonMapper mapper) {
        return mapper.valueToTree(List.copyOf(replies));
    }

    @Override
    public synchronized void restore(JsonNode node, JsonMapper mapper) {
        node.forEach(r -> replies.add(mapper.treeToValue(r, Reply.class)));
    }

    @Override
    public synchronized void clear() {
        replies.clear();
    }
}
