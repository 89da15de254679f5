package io.dmdesk.casebridge.link;

import io.dmdesk.casebridge.adapter.CaseRejectedException;
import io.dmdesk.casebridge.adapter.CaseSystem;
import io.dmdesk.contracts.AuditEvent;
import io.dmdesk.contracts.AuditEvent.Action;
import io.dmdesk.contracts.AuditEvent.LogCategory;
import io.dmdesk.contracts.CaseOpened;
import io.dmdesk.contracts.TriagedReport;
import io.dmdesk.support.audit.Auditor;
import io.dmdesk.support.kafka.EventPublisher;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * One record per report: look up the link; if it is opened, publish CaseOpened again (downstream is
 * idempotent); otherwise mark it pending, open the record with the report id as idempotency key, store the
 * reference, publish, audit the disclosure. A crash anywhere repeats only idempotent steps.
 */
@Configuration
class OpenCaseHandler {

    static final String BINDING = "cases-out";
    private static final Logger log = LoggerFactory.getLogger(OpenCaseHandler.class);

    private final CaseSystem caseSystem;
    private final CaseLinks links;
    private final EventPublisher publisher;
    private final Auditor auditor;
    private final MeterRegistry meters;
    private final Clock clock;
    private final RecordFilterProperties filter;

    OpenCaseHandler(
            CaseSystem caseSystem,
            CaseLinks links,
            EventPublisher publisher,
            Auditor auditor,
            MeterRegistry meters,
            Clock clock,
            RecordFilterProperties filter) {
        this.filter = filter;
        this.caseSystem = caseSystem;
        this.links = links;
        this.publisher = publisher;
        this.auditor = auditor;
        this.meters = meters;
        this.clock = clock;
    }

    @Bean
    Consumer<TriagedReport> openCase() {
        return report -> {
            MDC.put("reportId", report.reportId());
            try {
                handle(report);
            } catch (CaseRejectedException e) {
                auditor.failure(
                        Action.CASE_OPEN_FAILED,
                        LogCategory.DISCLOSURE,
                        report.reportId(),
                        report.reportId(),
                        e.getMessage());
                meters.counter("dmdesk.casebridge.rejected").increment();
                throw e;
            } finally {
                MDC.clear();
            }
        };
    }

    void handle(TriagedReport report) {
        var link = links.find(report.reportId());
        if (link.isPresent() && link.get().opened()) {
            if (report.revision() > link.get().revision()) {
                addNote(report, link.get().caseReference());
            } else {
                log.info("record already opened for report");
                publish(report, link.get().caseReference());
            }
            return;
        }
        // A PENDING link may already have a record in the case system (a crash after the call): finish opening it.
        Optional<String> notToOpen =
                link.isPresent() && !link.get().skipped() ? Optional.empty() : filter.reasonNotToOpen(report);
        if (notToOpen.isPresent()) {
            skip(report, link.orElse(null), notToOpen.get());
            return;
        }
        links.markPending(report.reportId());
        String caseReference = caseSystem.openRecord(report);
        links.markOpened(report.reportId(), caseReference);
        meters.counter("dmdesk.casebridge.opened").increment();
        log.info("record opened");
        publish(report, caseReference);
    }

    /**
     * A configured non-crime report opens no record: the decision is stored on the link and audited, once per
     * revision; no CaseOpened is published, so the citizen is never told of a case reference. A later revision
     * that no longer matches (an operator reclassified it as a crime) opens the record then.
     */
    private void skip(TriagedReport report, CaseLinks.Link link, String reason) {
        if (link != null && link.skipped() && link.revision() >= report.revision()) {
            log.info("no record for this report (decided before)");
            return;
        }
        links.markSkipped(report.reportId(), report.revision(), reason);
        meters.counter("dmdesk.casebridge.not.opened").increment();
        auditor.record(new AuditEvent(
                AuditEvent.SCHEMA_VERSION,
                AuditEvent.idFor(Action.CASE_NOT_OPENED, report.reportId(), String.valueOf(report.revision())),
                clock.instant(),
                AuditEvent.Actor.service("case-bridge-service"),
                Action.CASE_NOT_OPENED,
                LogCategory.DISCLOSURE,
                report.reportId(),
                report.reportId(),
                AuditEvent.Outcome.REJECTED,
                caseSystem.name(),
                null,
                Map.of(
                        "decision",
                        "no record opened",
                        "reason",
                        reason,
                        "revision",
                        String.valueOf(report.revision()))));
        log.info("no record opened: {}", reason);
    }

    /** A follow-up or reclassification: a note on the existing record, never a second record. */
    private void addNote(TriagedReport revision, String caseReference) {
        caseSystem.addNote(caseReference, revision);
        links.markRevision(revision.reportId(), revision.revision());
        meters.counter("dmdesk.casebridge.notes").increment();
        auditor.step(
                Action.CASE_NOTE_ADDED,
                LogCategory.DISCLOSURE,
                revision.reportId(),
                revision.reportId(),
                String.valueOf(revision.revision()),
                caseSystem.name(),
                Map.of("caseReference", caseReference, "revision", String.valueOf(revision.revision())));
        log.info("revision {} added as a note", revision.revision());
    }

    private void publish(TriagedReport report, String caseReference) {
        publisher.publish(
                BINDING,
                report.reportId(),
                new CaseOpened(
                        CaseOpened.SCHEMA_VERSION,
                        report.reportId(),
                        report.reference(),
                        caseSystem.name(),
                        caseReference,
                        report.revision(),
                        clock.instant()));
        auditor.step(
                Action.CASE_OPENED,
                LogCategory.DISCLOSURE,
                report.reportId(),
                report.reportId(),
                null,
                caseSystem.name(),
                Map.of("caseReference", caseReference));
    }
}
