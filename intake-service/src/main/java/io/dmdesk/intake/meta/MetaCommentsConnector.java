package io.dmdesk.intake.meta;

import io.dmdesk.contracts.Author;
import io.dmdesk.contracts.Channel;
import io.dmdesk.contracts.InboundMessage;
import io.dmdesk.contracts.MessageKind;
import io.dmdesk.contracts.MonitoredAccount;
import io.dmdesk.contracts.Platform;
import io.dmdesk.intake.IntakeProperties;
import io.dmdesk.intake.connector.ConnectorHealth;
import io.dmdesk.intake.connector.PageHandOff;
import io.dmdesk.intake.connector.PullConnector;
import io.dmdesk.intake.cursor.CursorStore;
import io.dmdesk.support.accounts.AccountsProperties.Account;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * The reconciling pull behind the comment webhooks: Facebook page comments from {@code GET /{page-id}/feed} with
 * the {@code comments} edge expanded ({@code id, created_time, from, message, parent}), Instagram comments from
 * {@code GET /{ig-user-id}/media} with {@code comments} ({@code id, timestamp, text, username, from, parent_id}).
 * A comment whose webhook never came arrives here with the same messageId (the comment id) and conversation
 * ({@code post-<post or media id>}); one that did is recognised and not published again. The cursor is the newest
 * comment time handed on; comments at that same second are re-read and deduplicated by id.
 */
@Component
class MetaCommentsConnector implements PullConnector {

    static final String STREAM = "comments";
    static final String FEED_FIELDS = "id,created_time,comments.limit(100){id,created_time,from,message,parent}";
    static final String MEDIA_FIELDS = "id,timestamp,comments.limit(100){id,timestamp,text,username,from,parent_id}";

    private final MetaGraph graph;
    private final CursorStore cursors;
    private final PageHandOff handOff;
    private final ConnectorHealth health;
    private final IntakeProperties properties;
    private final Clock clock;

    MetaCommentsConnector(
            MetaGraph graph,
            CursorStore cursors,
            PageHandOff handOff,
            ConnectorHealth health,
            IntakeProperties properties,
            Clock clock) {
        this.graph = graph;
        this.cursors = cursors;
        this.handOff = handOff;
        this.health = health;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public boolean supports(Account account) {
        return account.platform() == Platform.FACEBOOK || account.platform() == Platform.INSTAGRAM;
    }

    @Override
    public int pull(Account account) {
        boolean instagram = account.platform() == Platform.INSTAGRAM;
        Instant since = cursors.get(account.id(), STREAM)
                .map(Instant::parse)
                .orElse(clock.instant().minus(properties.backfill()));
        MetaGraph.Fetched fetched = instagram
                ? graph.get(account, account.platformUserId(), "media", Map.of("fields", MEDIA_FIELDS))
                : graph.get(account, account.platformUserId(), "feed", Map.of("fields", FEED_FIELDS));
        String timeField = instagram ? "timestamp" : "created_time";
        List<Comment> fresh = new ArrayList<>();
        for (JsonNode post : fetched.body().path("data")) {
            for (JsonNode c : post.path("comments").path("data")) {
                Instant at = MetaGraph.time(c.path(timeField));
                if (!at.isBefore(since)
                        && !account.platformUserId()
                                .equals(c.path("from").path("id").asString(""))) {
                    fresh.add(new Comment(post.path("id").asString(""), c, at));
                }
            }
        }
        fresh.sort(Comparator.comparing(Comment::at));
        int handed =
                handOff.handOn(account, STREAM, fresh, c -> Optional.of(toInbound(account, c)), c -> c.at().toString());
        health.success(account.id(), fetched.remainingPercent());
        return handed;
    }

    /** Same id, conversation, author id and text as the webhook path builds (MetaEvents.comment). */
    private InboundMessage toInbound(Account account, Comment comment) {
        JsonNode c = comment.node();
        boolean instagram = account.platform() == Platform.INSTAGRAM;
        String id = c.path("id").asString("");
        JsonNode from = c.path("from");
        Author author = new Author(
                from.path("id").asString(""),
                instagram ? from.path("username").asString(c.path("username").asString(null)) : null,
                instagram ? null : from.path("name").asString(null));
        // Facebook: a reply names its parent comment; a top-level comment's parent is the post, as in the webhook.
        String replyTo = instagram
                ? c.path("parent_id").asString(null)
                : c.path("parent").path("id").asString(comment.postId());
        MonitoredAccount monitored = new MonitoredAccount(
                account.id(),
                account.handle(),
                account.team(),
                account.district(),
                account.officer(),
                account.outOfHours(comment.at()));
        return new InboundMessage(
                InboundMessage.SCHEMA_VERSION,
                InboundMessage.idFor(account.platform(), id),
                MessageKind.NEW,
                account.platform(),
                monitored,
                Channel.PUBLIC,
                "post-" + comment.postId(),
                id,
                author,
                instagram ? c.path("text").asString("") : c.path("message").asString(""),
                null,
                List.of(),
                comment.at(),
                clock.instant(),
                replyTo);
    }

    private record Comment(String postId, JsonNode node, Instant at) {}
}
