package io.dmdesk.triage.retention;

import io.dmdesk.contracts.AuditEvent;
import io.dmdesk.contracts.AuditEvent.ActorType;
import io.dmdesk.contracts.DataErasure;
import io.dmdesk.contracts.Platform;
import io.dmdesk.support.security.OnBehalfOf;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * A citizen's erasure request, made by a supervisor: {@code POST /api/erasure-requests} with
 * {@code {"platform": "x", "authorId": "..."}} or {@code {"reportId": "..."}} and a mandatory
 * {@code justification}. Erases as retention does, in every service, audited as ERASURE with the supervisor as
 * actor and the justification. Idempotent: a repeated request finds nothing left to erase. The answer holds ids
 * and counts only.
 */
@RestController
class ErasureController {

    private static final int MAX_JUSTIFICATION = 1000;

    private final ErasableReports reports;
    private final ReportErasure erasure;

    ErasureController(ErasableReports reports, ReportErasure erasure) {
        this.reports = reports;
        this.erasure = erasure;
    }

    @PostMapping("/api/erasure-requests")
    Mono<Map<String, Object>> request(@RequestBody ErasureRequest request, ServerWebExchange exchange) {
        if (request == null
                || request.justification() == null
                || request.justification().isBlank()
                || request.justification().length() > MAX_JUSTIFICATION) {
            return Mono.error(new ResponseStatusException(
                    HttpStatus.BAD_REQUEST, "justification is required, at most " + MAX_JUSTIFICATION + " characters"));
        }
        boolean byReport = request.reportId() != null && !request.reportId().isBlank();
        boolean byAuthor = request.platform() != null
                && request.authorId() != null
                && !request.authorId().isBlank();
        if (byReport == byAuthor) {
            return Mono.error(new ResponseStatusException(
                    HttpStatus.BAD_REQUEST, "give either reportId, or platform and authorId"));
        }
        Platform platform;
        try {
            platform = byAuthor ? Platform.fromCode(request.platform()) : null;
        } catch (IllegalArgumentException e) {
            return Mono.error(new ResponseStatusException(HttpStatus.BAD_REQUEST, "unknown platform"));
        }
        return OnBehalfOf.person(exchange)
                .flatMap(person -> Mono.fromCallable(() -> {
                            List<String> candidates = byReport
                                    ? List.of(request.reportId())
                                    : reports.ofAuthor(platform.name(), request.authorId());
                            var actor = new AuditEvent.Actor(ActorType.PERSON, person);
                            List<String> erased = new ArrayList<>();
                            for (String reportId : candidates) {
                                if (erasure.erase(reportId, DataErasure.REQUEST, actor, request.justification())) {
                                    erased.add(reportId);
                                }
                            }
                            Map<String, Object> body = new LinkedHashMap<>();
                            body.put("reportsErased", erased);
                            body.put("counts", Map.of("triage-service", erased.size()));
                            // The other services erase on the data.erasure event; each writes its own ERASURE audit
                            // entry.
                            body.put("erasedAsynchronouslyBy", List.of("notifier-service"));
                            return body;
                        })
                        .subscribeOn(Schedulers.boundedElastic()));
    }

    record ErasureRequest(String reportId, String platform, String authorId, String justification) {}
}
