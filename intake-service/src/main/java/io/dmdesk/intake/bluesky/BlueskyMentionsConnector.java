package io.dmdesk.intake.bluesky;

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
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Mentions and replies from {@code app.bsky.notification.listNotifications} (newest first, cursor pages back).
 * Pages back until it meets the newest notification time already handed on (the stored cursor), then hands
 * the new ones on oldest first. Notifications at that very time are read again and deduplicated by id (the
 * post's at:// URI).
 */
@Component
class BlueskyMentionsConnector implements PullConnector {

    static final String STREAM = "mentions";

    private final BlueskyClient client;
    private final CursorStore cursors;
    private final PageHandOff handOff;
    private final ConnectorHealth health;
    private final IntakeProperties properties;
    private final Clock clock;

    BlueskyMentionsConnector(
            BlueskyClient client,
            CursorStore cursors,
            PageHandOff handOff,
            ConnectorHealth health,
            IntakeProperties properties,
            Clock clock) {
        this.client = client;
        this.cursors = cursors;
        this.handOff = handOff;
        this.health = health;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public boolean supports(Account account) {
        return account.platform() == Platform.BLUESKY;
    }

    @Override
    public int pull(Account account) {
        Instant since = cursors.get(account.id(), STREAM)
                .map(Instant::parse)
                .orElse(clock.instant().minus(properties.backfill()));
        List<JsonNode> fresh = new ArrayList<>();
        String page = null;
        pages:
        for (int i = 0; i < properties.maxPagesPerPoll(); i++) {
            Map<String, String> params = new HashMap<>();
            params.put("limit", "50");
            params.put("cursor", page);
            JsonNode answer = client.query(account, "app.bsky.notification.listNotifications", params, false);
            for (JsonNode n : answer.path("notifications")) {
                if (Instant.parse(n.path("indexedAt").asString()).isBefore(since)) {
                    break pages;
                }
                fresh.add(n);
            }
            page = answer.path("cursor").asString(null);
            if (page == null || answer.path("notifications").isEmpty()) {
                break;
            }
        }
        List<JsonNode> oldestFirst = new ArrayList<>(fresh);
        Collections.reverse(oldestFirst);
        int handed = handOff.handOn(
                account,
                STREAM,
                oldestFirst,
                n -> {
                    String reason = n.path("reason").asString("");
                    return ("mention".equals(reason) || "reply".equals(reason))
                                    && !account.platformUserId()
                                            .equals(n.path("author").path("did").asString(""))
                            ? Optional.of(toInbound(account, n))
                            : Optional.empty();
                },
                n -> n.path("indexedAt").asString());
        health.success(account.id(), null);
        return handed;
    }

    InboundMessage toInbound(Account account, JsonNode n) {
        JsonNode record = n.path("record");
        JsonNode author = n.path("author");
        Instant at = record.has("createdAt")
                ? Instant.parse(record.path("createdAt").asString())
                : Instant.parse(n.path("indexedAt").asString());
        String uri = n.path("uri").asString("");
        MonitoredAccount monitored = new MonitoredAccount(
                account.id(),
                account.handle(),
                account.team(),
                account.district(),
                account.officer(),
                account.outOfHours(at));
        return new InboundMessage(
                InboundMessage.SCHEMA_VERSION,
                InboundMessage.idFor(Platform.BLUESKY, uri),
                MessageKind.NEW,
                Platform.BLUESKY,
                monitored,
                Channel.PUBLIC,
                "public-" + author.path("did").asString(""),
                uri,
                new Author(
                        author.path("did").asString(null),
                        author.path("handle").asString(null),
                        author.path("displayName").asString(null)),
                record.path("text").asString(""),
                null,
                List.of(),
                at,
                clock.instant(),
                record.path("reply").path("parent").path("uri").asString(null),
                replyRefs(n));
    }

    /**
     * What a public answer needs to join the thread ({@code app.bsky.feed.post#replyRef}): this post's cid, and
     * the thread's root (the post itself when it is not a reply).
     */
    private static Map<String, String> replyRefs(JsonNode n) {
        String cid = n.path("cid").asString("");
        JsonNode root = n.path("record").path("reply").path("root");
        String rootUri = root.path("uri").asString("");
        String rootCid = root.path("cid").asString("");
        if (rootUri.isEmpty() || rootCid.isEmpty()) {
            rootUri = n.path("uri").asString("");
            rootCid = cid;
        }
        if (cid.isEmpty()) {
            return Map.of();
        }
        return Map.of(InboundMessage.CID, cid, InboundMessage.ROOT_URI, rootUri, InboundMessage.ROOT_CID, rootCid);
    }
}
