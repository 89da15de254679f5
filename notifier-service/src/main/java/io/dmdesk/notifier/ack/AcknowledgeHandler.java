package io.dmdesk.notifier.ack;

import io.dmdesk.contracts.AcknowledgementSent;
import io.dmdesk.contracts.AuditEvent.Action;
import io.dmdesk.contracts.AuditEvent.LogCategory;
import io.dmdesk.contracts.Channel;
import io.dmdesk.contracts.TriagedReport;
import io.dmdesk.notifier.send.PlatformSender;
import io.dmdesk.notifier.template.Messages;
import io.dmdesk.support.accounts.AccountsProperties;
import io.dmdesk.support.audit.Auditor;
import io.dmdesk.support.kafka.EventPublisher;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Acknowledges a report as soon as it is triaged, with the product's own reference: it never waits for the
 * case system. Once per report: an intent is stored before sending and marked sent after.
 *
 * <p>If the service dies between the platform call and marking it sent, the outcome is unknown and a
 * redelivery sends again: a citizen reading the acknowledgement twice is better than a citizen who never
 * hears back. Platforms with idempotency keys or a readable sent-box let the full notifier avoid even that.
 */
@Configuration
class AcknowledgeHandler {

    static final String BINDING = "acknowledgements-out";
    static final String KIND = AcknowledgementSent.Kind.ACKNOWLEDGEMENT.name();
    private static final Logger log = LoggerFactory.getLogger(AcknowledgeHandler.class);

    private final Notifications notifications;
    private final Messages messages;
    private final Map<io.dmdesk.contracts.Platform, PlatformSender> senders;
    private final AccountsProperties accounts;
    private final EventPublisher publisher;
    private final Auditor auditor;
    private final MeterRegistry meters;
    private final Clock clock;

    AcknowledgeHandler(Notifications notifications, Messages messages, List<PlatformSender> senders,
                       AccountsProperties accounts, EventPublisher publisher, Auditor auditor, MeterRegistry meters,
                       Clock clock) {
        this.notifications = notifications;
        this.messages = messages;
        this.senders = senders.stream().collect(java.util.stream.Collectors.toMap(PlatformSender::platform, s -> s));
        this.accounts = accounts;
        this.publisher = publisher;
        this.auditor = auditor;
        this.meters = meters;
        this.clock = clock;
    }

    @Bean
    Consumer<TriagedReport> acknowledge() {
        return report -> {
            MDC.put("reportId", report.reportId());
            try {
                handle(report);
            } finally {
                MDC.clear();
            }
        };
    }

    void handle(TriagedReport report) {
        if (report.revision() > 1) {
            return; // follow-ups join a report that was acknowledged already
        }
        String id = Notifications.id(report.reportId(), KIND);
        String state = notifications.state(id).orElse(null);
        if ("SENT".equals(state) || "CANNOT_REPLY_ON_CHANNEL".equals(state)) {
            log.info("acknowledgement already {}", state);
            return;
        }
        Messages.Composed composed = messages.acknowledgement(report);
        var account = accounts.byId(report.source().account().id()).orElse(null);
        PlatformSender sender = senders.get(report.source().platform());
        notifications.intend(id, report.reportId(), report.source().platform().code(),
                report.source().account().id(), composed.template());
        if (account == null || sender == null || report.source().channel() != Channel.DM) {
            String reason = account == null ? "account not configured for sending"
                    : sender == null ? "no sender for platform" : "public replies not enabled";
            notifications.markUndeliverable(id, reason);
            auditor.failure(Action.ACKNOWLEDGEMENT_FAILED, LogCategory.DISCLOSURE, report.reportId(),
                    report.reportId(), reason);
            meters.counter("dmdesk.notifier.failures", "reason", "cannot-reply-on-channel").increment();
            return;
        }
        String platformMessageId = sender.sendDirect(account, report.source().author().id(),
                report.source().conversationId(), composed.text());
        notifications.markSent(id, platformMessageId);
        publisher.publish(BINDING, report.reportId(), new AcknowledgementSent(AcknowledgementSent.SCHEMA_VERSION,
                report.reportId(), AcknowledgementSent.Kind.ACKNOWLEDGEMENT, report.source().platform(),
                account.id(), report.source().conversationId(), platformMessageId, composed.template(),
                composed.language(), clock.instant()));
        auditor.step(Action.ACKNOWLEDGEMENT_SENT, LogCategory.DISCLOSURE, report.reportId(), report.reportId(),
                KIND, "citizen via " + report.source().platform().code(),
                Map.of("template", composed.template(), "language", composed.language(),
                        "platformMessageId", platformMessageId));
        meters.timer("dmdesk.notifier.ack.latency", "platform", report.source().platform().code(),
                "urgency", report.urgency().name())
                .record(Duration.between(report.source().receivedAt(), clock.instant()));
        log.info("acknowledgement sent template={}", composed.template());
    }
}
