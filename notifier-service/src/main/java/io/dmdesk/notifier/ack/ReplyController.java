package io.dmdesk.notifier.ack;

import io.dmdesk.contracts.AcknowledgementSent.Kind;
import io.dmdesk.contracts.AuditEvent;
import io.dmdesk.contracts.AuditEvent.ActorType;
import io.dmdesk.notifier.ack.SendIntent.State;
import io.dmdesk.support.reports.ReportReferences;
import io.dmdesk.support.security.OnBehalfOf;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Operator replies to a citizen, on the channel and account the report came in on:
 * {@code POST /api/reports/{reportId}/replies} (the report id, or the citizen's {@code DMD-} reference) with
 * {@code {"text": ...}} and an {@code Idempotency-Key} header,
 * so a double click or a retried request sends one message. Audited as a disclosure by the person who sent it:
 * the logged-in operator, or the person a dmdesk service names in {@code X-Dmdesk-On-Behalf-Of} (trusted from a
 * SERVICE principal only, see {@link OnBehalfOf}). An {@code operator} field in the body is ignored: who acts
 * is never taken from the request body.
 */
@RestController
class ReplyController {

    private static final int MAX_TEXT = 2000;

    private final Notifications notifications;
    private final Dispatcher dispatcher;

    ReplyController(Notifications notifications, Dispatcher dispatcher) {
        this.notifications = notifications;
        this.dispatcher = dispatcher;
    }

    @PostMapping("/api/reports/{reportId}/replies")
    Mono<ResponseEntity<Map<String, Object>>> reply(
            @PathVariable String reportId,
            @RequestHeader("Idempotency-Key") String idempotencyKey,
            @RequestBody ReplyRequest request,
            ServerWebExchange exchange) {
        if (request == null
                || request.text() == null
                || request.text().isBlank()
                || request.text().length() > MAX_TEXT) {
            return Mono.error(new ResponseStatusException(
                    HttpStatus.BAD_REQUEST, "text is required, at most " + MAX_TEXT + " characters"));
        }
        return OnBehalfOf.person(exchange)
                .flatMap(person -> Mono.fromCallable(() -> send(reportId, idempotencyKey, request.text(), person))
                        .subscribeOn(Schedulers.boundedElastic()));
    }

    private ResponseEntity<Map<String, Object>> send(
            String idOrReference, String idempotencyKey, String text, String person) {
        String reportId = reportId(idOrReference);
        SendIntent ack = notifications
                .find(SendIntent.id(reportId, AcknowledgeHandler.ACK))
                .filter(a -> a.route() != null)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no such report"));
        String id = SendIntent.id(reportId, "OPERATOR_REPLY:" + idempotencyKey);
        notifications.intend(
                SendIntent.of(id, reportId, Kind.OPERATOR_REPLY, State.PENDING).withOperator(person));
        // The exact text is what a crashed attempt would have left on the platform.
        dispatcher.dispatch(
                id, ack.route(), "operator-free-text", text, text, new AuditEvent.Actor(ActorType.PERSON, person));
        SendIntent stored = notifications.find(id).orElseThrow();
        HttpStatus status = stored.is(State.SENT) ? HttpStatus.CREATED : HttpStatus.UNPROCESSABLE_ENTITY;
        return ResponseEntity.status(status)
                .body(Map.of(
                        "reportId",
                        reportId,
                        "state",
                        stored.state().name(),
                        "platformMessageId",
                        String.valueOf(stored.platformMessageId())));
    }

    /** The report id as given, or the report a {@code DMD-} reference (the one the citizen has) belongs to. */
    private String reportId(String idOrReference) {
        if (!ReportReferences.isReference(idOrReference)) {
            return idOrReference;
        }
        List<String> reports = notifications.reportIdsWithReference(ReportReferences.normalise(idOrReference));
        if (reports.size() > 1) {
            throw new ResponseStatusException(
                    HttpStatus.CONFLICT, "several reports have this reference; use the report id");
        }
        return reports.isEmpty() ? idOrReference : reports.get(0);
    }

    record ReplyRequest(String text) {}
}
