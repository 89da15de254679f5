package io.dmdesk.triage.queue;

import io.dmdesk.contracts.EntitySpan;
import io.dmdesk.contracts.TriagedReport;
import io.dmdesk.triage.classify.Classification;
import io.dmdesk.triage.classify.Classifier;
import io.dmdesk.triage.model.LabelledExamples;
import io.dmdesk.triage.report.ReportStore;
import java.time.Instant;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** The operators' queue (redacted text only) and the classify endpoint for people tuning the rules. */
@RestController
class QueueController {

    private final ReportStore reports;
    private final Classifier classifier;

    QueueController(ReportStore reports, Classifier classifier) {
        this.reports = reports;
        this.classifier = classifier;
    }

    @GetMapping("/api/queue")
    Mono<List<QueueItem>> queue(@RequestParam(defaultValue = "100") int limit) {
        int bounded = Math.max(1, Math.min(limit, 500));
        return Mono.fromCallable(
                        () -> reports.queue(bounded).stream().map(QueueItem::of).toList())
                .subscribeOn(Schedulers.boundedElastic());
    }

    @GetMapping("/api/reports/{reportId}")
    Mono<QueueItem> report(@PathVariable String reportId) {
        return Mono.fromCallable(() -> reports.find(reportId)
                        .map(QueueItem::of)
                        .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no such report")))
                .subscribeOn(Schedulers.boundedElastic());
    }

    @PostMapping("/api/triage/classify")
    Classification classify(@RequestBody ClassifyRequest request) {
        if (request == null || request.text() == null || request.text().isBlank()) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "text is required");
        }
        return classifier.classify(request.text(), LabelledExamples.channel(request.channel()));
    }

    record ClassifyRequest(String text, String channel) {}

    /** What an operator sees before revealing anything: never the original text. */
    record QueueItem(
            String reportId,
            String reference,
            String urgency,
            String category,
            String sensitivity,
            String language,
            String platform,
            String channel,
            String account,
            String team,
            String district,
            boolean outOfHours,
            String redactedText,
            List<String> entityTypes,
            List<String> reasons,
            String classifierVersion,
            Instant receivedAt,
            Instant triagedAt) {

        static QueueItem of(TriagedReport r) {
            return new QueueItem(
                    r.reportId(),
                    r.reference(),
                    r.urgency().name(),
                    r.category().name(),
                    r.sensitivity().name(),
                    r.language(),
                    r.source().platform().code(),
                    r.source().channel().name(),
                    r.source().account().id(),
                    r.routing().team(),
                    r.routing().district(),
                    r.source().account().outOfHours(),
                    r.redactedText(),
                    r.entities().stream().map(EntitySpan::type).toList(),
                    r.reasons(),
                    r.classifierVersion(),
                    r.source().receivedAt(),
                    r.triagedAt());
        }
    }
}
