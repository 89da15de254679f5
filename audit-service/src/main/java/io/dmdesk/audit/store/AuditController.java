package io.dmdesk.audit.store;

import io.dmdesk.contracts.AuditEvent;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** Read-only views of the trail: a report's timeline, or every entry about one subject (e.g. a message id). */
@RestController
class AuditController {

    private final AuditStore store;

    AuditController(AuditStore store) {
        this.store = store;
    }

    @GetMapping("/api/audit/reports/{reportId}")
    Mono<List<AuditEvent>> timeline(@PathVariable String reportId) {
        return Mono.fromCallable(() -> store.timeline(reportId)).subscribeOn(Schedulers.boundedElastic());
    }

    @GetMapping("/api/audit/subjects")
    Mono<List<AuditEvent>> bySubject(@RequestParam String id) {
        return Mono.fromCallable(() -> store.bySubject(id)).subscribeOn(Schedulers.boundedElastic());
    }
}
