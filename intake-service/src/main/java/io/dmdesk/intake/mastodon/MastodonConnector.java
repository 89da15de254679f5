package io.dmdesk.intake.mastodon;

import io.dmdesk.contracts.Attachment;
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
import io.dmdesk.support.accounts.AccountsProperties;
import io.dmdesk.support.accounts.AccountsProperties.Account;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Pulls mention notifications of a Mastodon account. Direct messages are statuses with visibility
 * {@code direct} that mention the account, so they arrive here too (as DM); {@code /api/v1/conversations}
 * shows only each conversation's last status and would miss messages sent in quick succession. The cursor
 * is the newest notification id handed on; pages are walked forward with {@code min_id} (Link rel="prev").
 */
@Component
class MastodonConnector implements PullConnector {

    static final String STREAM = "notifications";
    private static final Logger log = LoggerFactory.getLogger(MastodonConnector.class);

    private final MastodonApiClient api;
    private final CursorStore cursors;
    private final PageHandOff handOff;
    private final ConnectorHealth health;
    private final IntakeProperties properties;
    private final Clock clock;

    MastodonConnector(
            AccountsProperties accounts,
            CursorStore cursors,
            PageHandOff handOff,
            ConnectorHealth health,
            IntakeProperties properties,
            Clock clock) {
        this.api = accounts.platforms().containsKey(Platform.MASTODON.code())
                ? new MastodonApiClient(
                        WebClient.builder().build(),
                        accounts.baseUrl(Platform.MASTODON),
                        properties.requestTimeout(),
                        clock)
                : null;
        this.cursors = cursors;
        this.handOff = handOff;
        this.health = health;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public boolean supports(Account account) {
        return account.platform() == Platform.MASTODON;
    }

    @Override
    public int pull(Account account) {
        Optional<String> cursor = cursors.get(account.id(), STREAM);
        if (cursor.isEmpty()) {
            return firstConnect(account);
        }
        int handed = 0;
        Integer remaining = null;
        String minId = cursor.get();
        for (int pages = 0; pages < properties.maxPagesPerPoll(); pages++) {
            MastodonApiClient.Page page = api.mentions(account, minId);
            remaining = page.rateLimitRemaining();
            handed += handOn(account, page, null);
            if (page.newestFirst().size() < MastodonApiClient.MAX_LIMIT) {
                break;
            }
            minId = page.prevMinId().orElse(page.newestFirst().get(0).id());
        }
        return done(account, handed, remaining);
    }

    /**
     * No cursor yet (a new account, or one that never had a mention): walk back from the newest page with
     * {@code max_id} until a page reaches past the backfill window (or the page bound), then hand the pages on
     * oldest first, so the cursor only moves forward and a crash part-way continues from where it stopped.
     * Reading only the newest page would lose whatever arrived beyond its 80 notifications.
     */
    private int firstConnect(Account account) {
        Instant backfillFrom = clock.instant().minus(properties.backfill());
        List<MastodonApiClient.Page> newestFirst = new ArrayList<>();
        Integer remaining = null;
        String maxId = null;
        for (int pages = 0; pages < properties.maxPagesPerPoll(); pages++) {
            MastodonApiClient.Page page = api.mentions(account, null, maxId);
            remaining = remaining == null ? page.rateLimitRemaining() : remaining;
            newestFirst.add(page);
            List<MastodonNotification> items = page.newestFirst();
            if (items.size() < MastodonApiClient.MAX_LIMIT) {
                break;
            }
            MastodonNotification oldest = items.get(items.size() - 1);
            if (oldest.createdAt() != null && oldest.createdAt().isBefore(backfillFrom)) {
                break;
            }
            maxId = page.nextMaxId().orElse(oldest.id());
            if (pages == properties.maxPagesPerPoll() - 1) {
                log.warn(
                        "Mastodon backfill of account {} stopped at {} pages; older mentions in the window are not "
                                + "imported (intake.max-pages-per-poll)",
                        account.id(),
                        properties.maxPagesPerPoll());
            }
        }
        int handed = 0;
        for (int i = newestFirst.size() - 1; i >= 0; i--) {
            handed += handOn(account, newestFirst.get(i), backfillFrom);
        }
        return done(account, handed, remaining);
    }

    /** @param backfillFrom on first connect, mentions older than this are not imported; null otherwise */
    private int handOn(Account account, MastodonApiClient.Page page, Instant backfillFrom) {
        return handOff.handOn(
                account,
                STREAM,
                page.oldestFirst(),
                n -> {
                    boolean tooOld = backfillFrom != null
                            && n.createdAt() != null
                            && n.createdAt().isBefore(backfillFrom);
                    return "mention".equals(n.type())
                                    && n.status() != null
                                    && !tooOld
                                    && !account.platformUserId()
                                            .equals(n.account().id())
                            ? Optional.of(toInbound(account, n))
                            : Optional.empty();
                },
                MastodonNotification::id);
    }

    private int done(Account account, int handed, Integer remaining) {
        health.success(account.id(), remaining);
        if (handed > 0) {
            log.info("pulled {} new Mastodon mentions", handed);
        }
        return handed;
    }

    static InboundMessage toInbound(Account account, MastodonNotification n, Clock clock) {
        MastodonNotification.Status s = n.status();
        Instant at = s.createdAt() == null ? clock.instant() : s.createdAt();
        String text = HtmlText.plain(s.content());
        if (s.spoilerText() != null && !s.spoilerText().isBlank()) {
            text = s.spoilerText().strip() + "\n\n" + text; // the content warning is part of what was said
        }
        List<Attachment> attachments = s.mediaAttachments() == null
                ? List.of()
                : s.mediaAttachments().stream()
                        .map(m -> new Attachment(m.type(), m.url(), m.id()))
                        .toList();
        MonitoredAccount monitored = new MonitoredAccount(
                account.id(),
                account.handle(),
                account.team(),
                account.district(),
                account.officer(),
                account.outOfHours(at));
        return new InboundMessage(
                InboundMessage.SCHEMA_VERSION,
                InboundMessage.idFor(Platform.MASTODON, s.id()),
                MessageKind.NEW,
                Platform.MASTODON,
                monitored,
                "direct".equals(s.visibility()) ? Channel.DM : Channel.PUBLIC,
                "acct-" + n.account().id(),
                s.id(),
                new Author(n.account().id(), n.account().acct(), n.account().displayName()),
                text,
                s.language(),
                attachments,
                at,
                clock.instant(),
                s.inReplyToId());
    }

    private InboundMessage toInbound(Account account, MastodonNotification n) {
        return toInbound(account, n, clock);
    }
}
