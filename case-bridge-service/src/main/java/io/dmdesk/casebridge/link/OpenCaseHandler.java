package io.dmdesk.casebridge.link;

import io.dmdesk.casebridge.adapter.CaseRejectedException;
import io.dmdesk.casebridge.adapter.CaseSystem;
import io.dmdesk.contracts.AuditEvent.Action;
import io.dmdesk.contracts.AuditEvent.LogCategory;
import io.dmdesk.contracts.CaseOpened;
import io.dmdesk.contracts.TriagedReport;
import io.dmdesk.support.audit.Auditor;
import io.dmdesk.support.kafka.EventPublisher;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.Map;
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

    OpenCaseHandler(CaseSystem caseSystem, CaseLinks links, EventPublisher publisher, Auditor auditor,
                    MeterRegistry meters, Clock clock) {
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
                auditor.failure(Action.CASE_OPEN_FAILED, LogCategory.DISCLOSURE, report.reportId(),
                        report.reportId(), e.getMessage());
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
        links.markPending(report.reportId());
        String caseReference = caseSystem.openRecord(report);
        links.markOpened(report.reportId(), caseReference);
        meters.counter("dmdesk.casebridge.opened").increment();
        log.info("record opened");
        publish(report, caseReference);
    }

    /** A follow-up or reclassification: a note on the existing record, never a second record. */
    private void addNote(TriagedReport revision, String caseReference) {
        caseSystem.addNote(caseReference, revision);
        links.markRevision(revision.reportId(), revision.revision());
        meters.counter("dmdesk.casebridge.notes").increment();
        auditor.step(Action.CASE_NOTE_ADDED, LogCategory.DISCLOSURE, revision.reportId(), revision.reportId(),
                String.valueOf(revision.revision()), caseSystem.name(),
                Map.of("caseReference", caseReference, "revision", String.valueOf(revision.revision())));
        log.info("revision {} added as a note", revision.revision());
    }

    private void publish(TriagedReport report, String caseReference) {
        publisher.publish(BINDING, report.reportId(), new CaseOpened(CaseOpened.SCHEMA_VERSION, report.reportId(),
                report.reference(), caseSystem.name(), caseReference, report.revision(), clock.instant()));
        auditor.step(Action.CASE_OPENED, LogCategory.DISCLOSURE, report.reportId(), report.reportId(), null,
                caseSystem.name(), Map.of("caseReference", caseReference));
    }
}
