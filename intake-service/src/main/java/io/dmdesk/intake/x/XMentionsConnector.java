package io.dmdesk.intake.x;

import io.dmdesk.contracts.Author;
import io.dmdesk.contracts.Platform;
import io.dmdesk.intake.IntakeProperties;
import io.dmdesk.intake.connector.ConnectorHealth;
import io.dmdesk.intake.connector.PageHandOff;
import io.dmdesk.intake.connector.PullConnector;
import io.dmdesk.intake.cursor.CursorStore;
import io.dmdesk.support.accounts.AccountsProperties.Account;
import java.math.BigInteger;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Pulls the posts mentioning an X account ({@code since_id} = the newest post already handed on). Also the
 * reconciling pull behind the Account Activity webhook: a mention whose webhook never came arrives here,
 * and one that did is recognised by its messageId and not published again.
 */
@Component
class XMentionsConnector implements PullConnector {

    static final String STREAM = "mentions";
    private static final Logger log = LoggerFactory.getLogger(XMentionsConnector.class);

    private final XApiClient api;
    private final CursorStore cursors;
    private final PageHandOff handOff;
    private final ConnectorHealth health;
    private final IntakeProperties properties;
    private final Clock clock;

    XMentionsConnector(
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
        Optional<String> sinceId = cursors.get(account.id(), STREAM);
        List<XMentionsPage.Post> fresh = new ArrayList<>();
        Map<String, XDmEventsPage.User> users = new HashMap<>();
        String token = null;
        Integer remaining = null;
        // No page bound: X serves at most the 800 newest mentions (8 pages), and stopping early would move
        // since_id past older unread pages.
        do {
            XApiClient.MentionsPage page =
                    api.mentions(account, sinceId.orElse(null), clock.instant().minus(properties.backfill()), token);
            remaining = page.rateLimitRemaining();
            users.putAll(page.body().usersById());
            fresh.addAll(page.body().data());
            token = page.body().nextToken().orElse(null);
        } while (token != null);

        // X lists newest first; ordering by id (snowflake = time) instead does not rely on it, drops repeats and
        // makes since_id the greatest id handed on, never the last one listed.
        Map<String, XMentionsPage.Post> byId = new HashMap<>();
        fresh.forEach(p -> byId.putIfAbsent(p.id(), p));
        List<XMentionsPage.Post> oldestFirst = new ArrayList<>(byId.values());
        oldestFirst.sort(Comparator.comparing(p -> new BigInteger(p.id())));
        int handed = handOff.handOn(
                account,
                STREAM,
                oldestFirst,
                post -> {
                    if (account.platformUserId().equals(post.authorId())) {
                        return Optional.empty();
                    }
                    var user = users.get(post.authorId());
                    Author author = new Author(
                            post.authorId(), user == null ? null : user.username(), user == null ? null : user.name());
                    return Optional.of(XMessages.mention(
                            account, post.id(), author, post.text(), post.createdAt(), post.repliedTo(), clock));
                },
                XMentionsPage.Post::id,
                XMessages.BY_ID);
        health.success(account.id(), remaining);
        if (handed > 0) {
            log.info("pulled {} new mentions", handed);
        }
        return handed;
    }
}
