package io.dmdesk.intake.x;

import io.dmdesk.contracts.Attachment;
import io.dmdesk.contracts.Author;
import io.dmdesk.contracts.InboundMessage;
import io.dmdesk.contracts.Platform;
import io.dmdesk.intake.IntakeProperties;
import io.dmdesk.intake.connector.ConnectorHealth;
import io.dmdesk.intake.connector.PageHandOff;
import io.dmdesk.intake.connector.PullConnector;
import io.dmdesk.intake.cursor.CursorStore;
import io.dmdesk.support.accounts.AccountsProperties.Account;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Pulls an X account's direct messages. X lists DM events newest first with no since_id, so the connector
 * pages back until it meets the newest event it already handed on (the cursor), then hands the new ones on
 * oldest first and moves the cursor after each one Kafka acknowledged. A crash repeats at most the message
 * in flight, which its deterministic id makes harmless downstream.
 */
@Component
class XDmConnector implements PullConnector {

    static final String STREAM = "dm_events";
    private static final Logger log = LoggerFactory.getLogger(XDmConnector.class);

    private final XApiClient api;
    private final CursorStore cursors;
    private final PageHandOff handOff;
    private final ConnectorHealth health;
    private final IntakeProperties properties;
    private final Clock clock;

    XDmConnector(
            XApiClient api,
            CursorStore cursors,
            PageHandOff handOff,
            ConnectorHealth health,
            IntakeProperties properties,
            Clock clock) {
        this.api = api;
        this.cursors = cursors;
        this.handOff = handOff;
        this.health = health;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public boolean supports(Account account) {
        return account.platform() == Platform.X;
    }

    @Override
    public int pull(Account account) {
        Optional<String> cursor = cursors.get(account.id(), STREAM);
        Instant backfillFrom = clock.instant().minus(properties.backfill());
        List<Received> fresh = new ArrayList<>();
        Set<String> freshIds = new HashSet<>();
        String token = null;
        Integer remaining = null;
        int pages = 0;
        pages:
        do {
            XApiClient.Page page = api.dmEvents(account, token);
            remaining = page.rateLimitRemaining();
            Map<String, XDmEventsPage.User> users = page.body().usersById();
            // The whole page is read, not only up to the first known event: a page out of order would otherwise
            // hide the newer events listed after it. Reaching known (or pre-backfill) events ends the paging.
            boolean reachedKnown = false;
            for (XDmEventsPage.DmEvent event : page.body().data()) {
                boolean seen = cursor.map(c -> newer(c, event.id()) <= 0).orElse(false);
                boolean beforeBackfill = cursor.isEmpty()
                        && event.createdAt() != null
                        && event.createdAt().isBefore(backfillFrom);
                if (seen || beforeBackfill) {
                    reachedKnown = true;
                } else if (freshIds.add(event.id())) {
                    fresh.add(new Received(event, users.get(event.senderId())));
                }
            }
            if (reachedKnown) {
                break pages;
            }
            token = page.body().nextToken().orElse(null);
        } while (token != null && ++pages < properties.maxPagesPerPoll());

        List<Received> oldestFirst = new ArrayList<>(fresh);
        oldestFirst.sort(Comparator.comparing(r -> new BigInteger(r.event().id())));
        // Our own replies show up in the account's DM events too; they are not reports.
        int handed = handOff.handOn(
                account,
                STREAM,
                oldestFirst,
                r -> account.platformUserId().equals(r.event().senderId())
                        ? Optional.empty()
                        : Optional.of(toInbound(account, r)),
                r -> r.event().id(),
                XMessages.BY_ID);
        health.success(account.id(), remaining);
        if (handed > 0) {
            log.info("pulled {} new DMs", handed);
        }
        return handed;
    }

    private InboundMessage toInbound(Account account, Received r) {
        XDmEventsPage.DmEvent e = r.event();
        Author author = new Author(
                e.senderId(),
                r.sender() == null ? null : r.sender().username(),
                r.sender() == null ? null : r.sender().name());
        List<Attachment> attachments =
                e.attachments() == null || e.attachments().mediaKeys() == null
                        ? List.of()
                        : e.attachments().mediaKeys().stream()
                                .map(k -> new Attachment("media", null, k))
                                .toList();
        return XMessages.dm(account, e.id(), e.dmConversationId(), author, e.text(), attachments, e.createdAt(), clock);
    }

    /** X ids are 64-bit snowflakes: numeric order is time order. */
    static int newer(String a, String b) {
        return new BigInteger(b).compareTo(new BigInteger(a));
    }

    private record Received(XDmEventsPage.DmEvent event, XDmEventsPage.User sender) {}
}
