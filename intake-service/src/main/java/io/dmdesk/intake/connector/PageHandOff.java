package io.dmdesk.intake.connector;

import io.dmdesk.contracts.InboundMessage;
import io.dmdesk.intake.cursor.CursorStore;
import io.dmdesk.intake.publish.InboundPublisher;
import io.dmdesk.support.accounts.AccountsProperties.Account;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.springframework.stereotype.Component;

/**
 * What every pull connector does with what it fetched: hand it to {@link InboundPublisher} a page at a time, oldest
 * first, and save the cursor once per page, after every new message of the page was acknowledged by Kafka. A
 * crash repeats at most the page in flight, which the seen set and the deterministic ids make harmless.
 */
@Component
public class PageHandOff {

    /** Messages handed to intake at once when a pull gathered more (one X or Telegram page). */
    public static final int PAGE = 100;

    private final InboundPublisher intake;
    private final CursorStore cursors;

    PageHandOff(InboundPublisher intake, CursorStore cursors) {
        this.intake = intake;
        this.cursors = cursors;
    }

    /**
     * @param oldestFirst what the platform returned, oldest first, including items that are not messages
     * @param normalise   the message an item carries, if any (own posts, other event types: none)
     * @param position    the cursor after an item
     * @return how many messages were new
     */
    public <T> int handOn(
            Account account,
            String stream,
            List<T> oldestFirst,
            Function<T, Optional<InboundMessage>> normalise,
            Function<T, String> position) {
        return handOn(account, stream, oldestFirst, normalise, position, null);
    }

    /**
     * The same where positions are ordered (X ids): a page saves the greatest position it holds, and only when
     * it is past the stored cursor, so the cursor never moves backwards, whatever order the platform listed in.
     */
    public <T> int handOn(
            Account account,
            String stream,
            List<T> oldestFirst,
            Function<T, Optional<InboundMessage>> normalise,
            Function<T, String> position,
            Comparator<String> order) {
        String stored = order == null ? null : cursors.get(account.id(), stream).orElse(null);
        int handed = 0;
        for (int from = 0; from < oldestFirst.size(); from += PAGE) {
            List<T> items = oldestFirst.subList(from, Math.min(from + PAGE, oldestFirst.size()));
            List<InboundMessage> messages = new ArrayList<>(items.size());
            items.forEach(item -> normalise.apply(item).ifPresent(messages::add));
            handed += intake.acceptAll(messages);
            if (order == null) {
                cursors.save(account.id(), stream, position.apply(items.get(items.size() - 1)));
                continue;
            }
            String newest = items.stream().map(position).max(order).orElseThrow();
            if (stored == null || order.compare(newest, stored) > 0) {
                cursors.save(account.id(), stream, newest);
                stored = newest;
            }
        }
        return handed;
    }
}
