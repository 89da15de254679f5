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
 * The reconciling pull behind the Meta webhook: {@code GET /{page-id}/conversations?platform=messenger|instagram}
 * with each conversation's latest messages. Whatever a missed webhook did not bring arrives here with the same
 * messageId (the mid), and what the webhook did bring is recognised and not published again. The cursor is the
 * newest message time handed on; messages at that same second are re-read and deduplicated by id.
 */
@Component
class MetaConversationsConnector implements PullConnector {

    static final String STREAM = "conversations";
    static final String GRAPH_VERSION = MetaGraph.GRAPH_VERSION;
    static final String FIELDS = "id,updated_time,messages.limit(25){id,created_time,from,message}";

    private final MetaGraph graph;
    private final CursorStore cursors;
    private final PageHandOff handOff;
    private final ConnectorHealth health;
    private final IntakeProperties properties;
    private final Clock clock;

    MetaConversationsConnector(
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
        return account.platform() == Platform.MESSENGER || account.platform() == Platform.INSTAGRAM;
    }

    @Override
    public int pull(Account account) {
        Instant since = cursors.get(account.id(), STREAM)
                .map(Instant::parse)
                .orElse(clock.instant().minus(properties.backfill()));
        MetaGraph.Fetched fetched = conversations(account);
        JsonNode root = fetched.body();
        List<JsonNode> fresh = new ArrayList<>();
        for (JsonNode conversation : root.path("data")) {
            if (time(conversation.path("updated_time")).isBefore(since)) {
                continue;
            }
            for (JsonNode message : conversation.path("messages").path("data")) {
                if (!time(message.path("created_time")).isBefore(since)
                        && !account.platformUserId()
                                .equals(message.path("from").path("id").asString(""))) {
                    fresh.add(message);
                }
            }
        }
        fresh.sort(Comparator.comparing(m -> time(m.path("created_time"))));
        int handed = handOff.handOn(
                account,
                STREAM,
                fresh,
                m -> Optional.of(toInbound(account, m)),
                m -> time(m.path("created_time")).toString());
        health.success(account.id(), fetched.remainingPercent());
        return handed;
    }

    private MetaGraph.Fetched conversations(Account account) {
        return graph.get(
                account,
                graph.pageId(account),
                "conversations",
                Map.of(
                        "platform",
                        account.platform() == Platform.INSTAGRAM ? "instagram" : "messenger",
                        "fields",
                        FIELDS));
    }

    private InboundMessage toInbound(Account account, JsonNode m) {
        Platform platform = account.platform();
        Instant at = time(m.path("created_time"));
        String mid = m.path("id").asString("");
        String sender = m.path("from").path("id").asString("");
        MonitoredAccount monitored = new MonitoredAccount(
                account.id(),
                account.handle(),
                account.team(),
                account.district(),
                account.officer(),
                account.outOfHours(at));
        // Same id, conversation and author id as the webhook path builds (MetaEvents).
        return new InboundMessage(
                InboundMessage.SCHEMA_VERSION,
                InboundMessage.idFor(platform, mid),
                MessageKind.NEW,
                platform,
                monitored,
                Channel.DM,
                sender,
                mid,
                new Author(sender, null, null),
                m.path("message").asString(""),
                null,
                List.of(),
                at,
                clock.instant(),
                null);
    }

    private static Instant time(JsonNode node) {
        return MetaGraph.time(node);
    }
}
