package io.dmdesk.triage.console;

import io.dmdesk.contracts.AcknowledgementSent;
import io.dmdesk.contracts.CaseOpened;
import java.util.function.Consumer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What the console learns from downstream: the case reference ({@code cases.opened}) and every message sent to
 * the citizen ({@code acknowledgements.sent}). Both writes finish before the handler returns and are idempotent,
 * so a failure reaches retry and DLQ and a redelivery changes nothing. They only update the console's read
 * model (ids and codes), so they write no audit entry of their own: case bridge and notifier audit the steps.
 */
@Configuration
class ConsoleEvents {

    private final ConsoleState state;
    private final QueueFeed feed;

    ConsoleEvents(ConsoleState state, QueueFeed feed) {
        this.state = state;
        this.feed = feed;
    }

    @Bean
    Consumer<CaseOpened> caseOpened() {
        return event -> {
            state.caseOpened(event.reportId(), event.caseSystem(), event.caseReference(), event.openedAt());
            feed.changed();
        };
    }

    @Bean
    Consumer<AcknowledgementSent> messageSent() {
        return event -> {
            state.messageSent(
                    event.reportId(),
                    new ConsoleRecord.Sent(
                            event.kind() + ":" + event.platformMessageId(),
                            event.kind().name(),
                            event.template(),
                            event.language(),
                            event.platformMessageId(),
                            event.sentAt()));
            feed.changed();
        };
    }
}
