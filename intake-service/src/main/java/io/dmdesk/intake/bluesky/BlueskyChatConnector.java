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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Follows the account's chat log ({@code chat.bsky.convo.getLog}): every created message in any of its
 * conversations, in log order; deleted messages are recorded as DELETE. The cursor is the rev of the last
 * log entry handed on, so a restart resumes exactly there.
 */
@Component
class BlueskyChatConnector implements PullConnector {

    static final String STREAM = "chat";

    private final BlueskyClient client;
    private final CursorStore cursors;
    private final PageHandOff handOff;
    private final ConnectorHealth health;
    private final IntakeProperties properties;
    private final Clock clock;

    BlueskyChatConnector(
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
        Optional<String> start = cursors.get(account.id(), STREAM);
        Instant backfillFrom = clock.instant().minus(properties.backfill());
        String cursor = start.orElse(null);
        int handed = 0;
        for (int page = 0; page < properties.maxPagesPerPoll(); page++) {
            Map<String, String> params = new HashMap<>();
            params.put("cursor", cursor);
            JsonNode answer = client.query(account, "chat.bsky.convo.getLog", params, true);
            List<JsonNode> logs = answer.path("logs").valueStream().toList();
            if (logs.isEmpty()) {
                break;
            }
            String before = cursor;
            cursor = logs.get(logs.size() - 1).path("rev").asString(cursor);
            handed += handOff.handOn(
                    account,
                    STREAM,
                    logs,
                    log -> normalise(account, log, start.isEmpty() ? backfillFrom : null),
                    log -> log.path("rev").asString(before));
        }
        health.success(account.id(), null);
        return handed;
    }

    Optional<InboundMessage> normalise(Account account, JsonNode log, Instant notBefore) {
        String type = log.path("$type").asString("");
        boolean created = type.endsWith("#logCreateMessage");
        boolean deleted = type.endsWith("#logDeleteMessage");
        JsonNode m = log.path("message");
        String sender = m.path("sender").path("did").asString("");
        if (!(created || deleted) || sender.equals(account.platformUserId())) {
            return Optional.empty(); // begin/leave/read/reactions, or our own messages
        }
        Instant at = m.has("sentAt") ? Instant.parse(m.path("sentAt").asString()) : clock.instant();
        if (notBefore != null && at.isBefore(notBefore)) {
            return Optional.empty();
        }
        String id = m.path("id").asString("");
        MonitoredAccount monitored = new MonitoredAccount(
                account.id(),
                account.handle(),
                account.team(),
                account.district(),
                account.officer(),
                account.outOfHours(at));
        return Optional.of(new InboundMessage(
                InboundMessage.SCHEMA_VERSION,
                InboundMessage.idFor(Platform.BLUESKY, id),
                deleted ? MessageKind.DELETE : MessageKind.NEW,
                Platform.BLUESKY,
                monitored,
                Channel.DM,
                log.path("convoId").asString(""),
                id,
                new Author(sender, null, null),
                deleted ? "" : m.path("text").asString(""),
                null,
                List.of(),
                at,
                clock.instant(),
                null));
    }
}
