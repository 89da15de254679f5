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

    MastodonConnector(AccountsProperties accounts, CursorStore cursors, PageHandOff handOff, ConnectorHealth health,
                      IntakeProperties properties, Clock clock) {
        this.api = accounts.platforms().containsKey(Platform.MASTODON.code())
                ? new MastodonApiClient(WebClient.builder().build(), accounts.baseUrl(Platform.MASTODON),
                        properties.requestTimeout(), clock)
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
        Instant backfillFrom = clock.instant().minus(properties.backfill());
        int handed = 0;
        Integer remaining = null;
        String minId = cursor.orElse(null);
        for (int pages = 0; pages < properties.maxPagesPerPoll(); pages++) {
            MastodonApiClient.Page page = api.mentions(account, minId);
            remaining = page.rateLimitRemaining();
            handed += handOff.handOn(account, STREAM, page.oldestFirst(), n -> {
                // First connect reads the newest page only, within the backfill window.
                boolean tooOld = cursor.isEmpty() && n.createdAt() != null && n.createdAt().isBefore(backfillFrom);
                return "mention".equals(n.type()) && n.status() != null && !tooOld
                        && !account.platformUserId().equals(n.account().id())
                        ? Optional.of(toInbound(account, n)) : Optional.empty();
            }, MastodonNotification::id);
            if (cursor.isEmpty() || page.newestFirst().size() < MastodonApiClient.MAX_LIMIT) {
                break;
            }
            minId = page.prevMinId().orElse(page.newestFirst().get(0).id());
        }
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
        List<Attachment> attachments = s.mediaAttachments() == null ? List.of()
                : s.mediaAttachments().stream().map(m -> new Attachment(m.type(), m.url(), m.id())).toList();
        MonitoredAccount monitored = new MonitoredAccount(account.id(), account.handle(), account.team(),
                account.district(), account.officer(), account.outOfHours(at));
        return new InboundMessage(InboundMessage.SCHEMA_VERSION, InboundMessage.idFor(Platform.MASTODON, s.id()),
                MessageKind.NEW, Platform.MASTODON, monitored,
                "direct".equals(s.visibility()) ? Channel.DM : Channel.PUBLIC,
                "acct-" + n.account().id(), s.id(),
                new Author(n.account().id(), n.account().acct(), n.account().displayName()), text, s.language(),
                attachments, at, clock.instant(), s.inReplyToId());
    }

    private InboundMessage toInbound(Account account, MastodonNotification n) {
        return toInbound(account, n, clock);
    }
}
