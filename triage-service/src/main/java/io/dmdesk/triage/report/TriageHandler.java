package io.dmdesk.triage.report;

import io.dmdesk.contracts.AuditEvent.Action;
import io.dmdesk.contracts.AuditEvent.LogCategory;
import io.dmdesk.contracts.InboundMessage;
import io.dmdesk.contracts.MessageKind;
import io.dmdesk.contracts.TriagedReport;
import io.dmdesk.support.audit.Auditor;
import io.dmdesk.support.kafka.EventPublisher;
import io.dmdesk.triage.classify.Classification;
import io.dmdesk.triage.classify.Classifier;
import io.dmdesk.triage.routing.LocationRouter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Triage of one inbound message: classify, store the report, publish it (and an alert for emergencies), audit.
 * Every write completes before the handler returns, so a failure reaches the binder's retry and DLQ. A
 * redelivered message finds its report and publishes the same event again, which downstream ignores.
 */
@Configuration
public class TriageHandler {

    /** Output bindings: every triaged report (and each new revision), and the emergency-band alerts. */
    public static final String TRIAGED = "triaged-out";

    public static final String ALERTS = "alerts-out";
    private static final Logger log = LoggerFactory.getLogger(TriageHandler.class);

    private final Classifier classifier;
    private final ReportStore reports;
    private final EventPublisher publisher;
    private final Auditor auditor;
    private final MeterRegistry meters;
    private final Clock clock;
    private final GroupingProperties grouping;
    private final LocationRouter router;

    TriageHandler(
            Classifier classifier,
            ReportStore reports,
            EventPublisher publisher,
            Auditor auditor,
            MeterRegistry meters,
            Clock clock,
            GroupingProperties grouping,
            LocationRouter router) {
        this.grouping = grouping;
        this.router = router;
        this.classifier = classifier;
        this.reports = reports;
        this.publisher = publisher;
        this.auditor = auditor;
        this.meters = meters;
        this.clock = clock;
    }

    @Bean
    Consumer<InboundMessage> triage() {
        return message -> {
            MDC.put("messageId", message.messageId());
            try {
                handle(message);
            } finally {
                MDC.clear();
            }
        };
    }

    void handle(InboundMessage message) {
        if (message.kind() != MessageKind.NEW) {
            recordChange(message);
            return;
        }
        var known = reports.reportIdOfMessage(message.messageId()).flatMap(reports::find);
        if (known.isPresent()) {
            MDC.put("reportId", known.get().reportId());
            log.info("message already triaged, publishing its report again");
            publish(known.get());
            return;
        }
        var open = reports.openReportOfConversation(
                message.conversationKey(), message.receivedAt().minus(grouping.window()));
        if (open.isPresent()) {
            followUp(message, open.get());
            return;
        }
        String reportId = ReportIds.forFirstMessage(message.messageId());
        MDC.put("reportId", reportId);
        Classification c = classifier.classify(message.text(), message.channel());
        TriagedReport candidate = new TriagedReport(
                TriagedReport.SCHEMA_VERSION,
                reportId,
                ReportIds.reference(reportId),
                1,
                message,
                c.urgency(),
                c.category(),
                c.sensitivity(),
                c.language(),
                c.redactedText(),
                c.entities(),
                c.specialCategories(),
                c.reasons(),
                c.version(),
                router.route(message, c.entities()),
                clock.instant());
        TriagedReport report = reports.insertOrGet(candidate);
        reports.linkMessage(message.messageId(), reportId);
        publish(report);
        meters.counter(
                        "dmdesk.triage.reports",
                        "urgency",
                        report.urgency().name(),
                        "category",
                        report.category().name())
                .increment();
        meters.timer("dmdesk.triage.latency", "urgency", report.urgency().name())
                .record(Duration.between(message.receivedAt(), clock.instant()));
        log.info("report triaged urgency={} category={}", report.urgency(), report.category());
    }

    /** A message of an episode already reported: re-triage the report, revision + 1, never a second report. */
    private void followUp(InboundMessage message, TriagedReport previous) {
        MDC.put("reportId", previous.reportId());
        Classification c = classifier.classify(message.text(), message.channel());
        TriagedReport updated = FollowUps.merge(previous, message, c, clock.instant());
        if (!reports.applyFollowUp(updated, message.messageId())) {
            if (!reports.containsMessage(previous.reportId(), message.messageId())) {
                // Another follow-up changed the report meanwhile: fail, so the binder retries with the new revision.
                throw new IllegalStateException("report changed concurrently, retrying the follow-up");
            }
            updated = reports.find(previous.reportId()).orElseThrow();
            // A retry: the first attempt may have stopped before moving the conversation's pointer on.
            reports.touchConversation(updated);
        }
        reports.linkMessage(message.messageId(), previous.reportId());
        publish(updated);
        meters.counter("dmdesk.triage.followups", "urgency", updated.urgency().name())
                .increment();
        log.info("follow-up joined report revision={} urgency={}", updated.revision(), updated.urgency());
    }

    /** Edits and deletions change a message of an existing report; they never open a report. */
    private void recordChange(InboundMessage message) {
        String reportId = reports.reportIdOfMessage(message.messageId()).orElse(null);
        Action action = message.kind() == MessageKind.EDIT ? Action.MESSAGE_EDITED : Action.MESSAGE_DELETED;
        if (reportId != null) {
            reports.recordChange(
                    reportId,
                    message.messageId(),
                    message.kind().name(),
                    message.kind() == MessageKind.EDIT ? message.text() : null,
                    message.platformTimestamp());
        }
        auditor.step(
                action,
                LogCategory.ALTERATION,
                message.messageId(),
                reportId,
                message.kind() + "@" + message.platformTimestamp(),
                null,
                Map.of("kind", message.kind().name(), "report", reportId == null ? "unknown message" : "recorded"));
        log.info("{} of a message recorded{}", message.kind(), reportId == null ? " (message not known)" : "");
    }

    private void publish(TriagedReport report) {
        publisher.publish(TRIAGED, report.reportId(), report);
        auditor.step(
                Action.REPORT_TRIAGED,
                LogCategory.COLLECTION,
                report.reportId(),
                report.reportId(),
                String.valueOf(report.revision()),
                null,
                Map.of(
                        "messageId",
                        report.source().messageId(),
                        "reference",
                        report.reference(), // so auditors can ask by the reference the citizen has
                        "urgency",
                        report.urgency().name(),
                        "category",
                        report.category().name(),
                        "classifierVersion",
                        report.classifierVersion()));
        if (report.urgency().isEmergencyBand()) {
            publisher.publish(ALERTS, report.reportId(), report);
            auditor.step(
                    Action.ALERT_RAISED,
                    LogCategory.DISCLOSURE,
                    report.reportId(),
                    report.reportId(),
                    String.valueOf(report.revision()),
                    "control-room",
                    Map.of());
        }
    }
}
