package io.dmdesk.sandbox.x;

import io.dmdesk.sandbox.state.SnowflakeIds;
import io.dmdesk.sandbox.state.StateChanged;
import io.dmdesk.sandbox.state.StatePart;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Public posts mentioning monitored accounts, by id (snowflakes: id order is time order, as on X). */
@Component
class XMentions implements StatePart {

    private final SnowflakeIds ids;
    private final Clock clock;
    private final ApplicationEventPublisher events;
    private final NavigableMap<Long, Post> posts = new TreeMap<>();

    XMentions(SnowflakeIds ids, Clock clock, ApplicationEventPublisher events) {
        this.ids = ids;
        this.clock = clock;
        this.events = events;
    }

    Post post(String authorId, String mentionedId, String text) {
        Post post;
        synchronized (this) {
            post = new Post(ids.next(), authorId, mentionedId, text, Instant.now(clock));
            posts.put(post.id(), post);
        }
        events.publishEvent(new StateChanged(name()));
        return post;
    }

    synchronized Optional<Post> find(long id) {
        return Optional.ofNullable(posts.get(id));
    }

    /**
     * One page of the posts mentioning a user, newest first.
     *
     * @param sinceId   only newer posts (exclusive), or null
     * @param untilId   only older posts (exclusive; the pagination cursor), or null
     * @param startTime only posts at or after this time, or null
     */
    synchronized Page page(String userId, Long sinceId, Long untilId, Instant startTime, int maxResults) {
        NavigableMap<Long, Post> range = posts;
        if (untilId != null) {
            range = range.headMap(untilId, false);
        }
        if (sinceId != null) {
            range = range.tailMap(sinceId, false);
        }
        List<Post> page = new ArrayList<>();
        boolean more = false;
        for (Post post : range.descendingMap().values()) {
            if (!post.mentionedId().equals(userId)
                    || (startTime != null && post.createdAt().isBefore(startTime))) {
                continue;
            }
            if (page.size() == maxResults) {
                more = true;
                break;
            }
            page.add(post);
        }
        return new Page(page, more);
    }

    @Override
    public String name() {
        return "x-mentions";
    }

    @Override
    public synchronized JsonNode snapshot(JsonMapper mapper) {
        return mapper.valueToTree(List.copyOf(posts.values()));
    }

    @Override
    public synchronized void restore(JsonNode node, JsonMapper mapper) {
        for (JsonNode post : node) {
            Post restored = mapper.treeToValue(post, Post.class);
            posts.put(restored.id(), restored);
        }
    }

    @Override
    public synchronized void clear() {
        posts.clear();
    }

    record Page(List<Post> posts, boolean more) {}
}
