package io.dmdesk.triage.console;

import io.dmdesk.contracts.AuditEvent.Action;
import io.dmdesk.contracts.AuditEvent.LogCategory;
import io.dmdesk.contracts.Category;
import io.dmdesk.contracts.Sensitivity;
import io.dmdesk.contracts.TriagedReport;
import io.dmdesk.contracts.Urgency;
import io.dmdesk.support.kafka.EventPublisher;
import io.dmdesk.triage.console.ConsoleRecord.Decision;
import io.dmdesk.triage.console.ConsoleRecord.Reclassification;
import io.dmdesk.triage.learning.OperatorLabel;
import io.dmdesk.triage.learning.OperatorLabels;
import io.dmdesk.triage.report.ReportStore;
import io.dmdesk.triage.report.StoredReport;
import io.dmdesk.triage.report.TriageHandler;
import java.security.Principal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The operator console's API under {@code /api/console}: the live queue, a report's view, the reveal of original
 * text after a justification, and the operator's actions. The person is the authenticated principal; without one
 * every call is 401. Each action writes an audit entry with that person as actor.
 */
@RestController
class ConsoleController {

    private static final int MAX_TEXT = 2000;

    private final ReportStore reports;
    private final ConsoleState state;
    private final QueueFeed feed;
    private final ConsoleProperties properties;
    private final PersonAudit audit;
    private final EventPublisher publisher;
    private final ServiceClients services;
    private final OperatorLabels labels;
    private final Clock clock;

    ConsoleController(
            ReportStore reports,
            ConsoleState state,
            QueueFeed feed,
            ConsoleProperties properties,
            PersonAudit audit,
            EventPublisher publisher,
            ServiceClients services,
            OperatorLabels labels,
            Clock clock) {
        this.reports = reports;
        this.state = state;
        this.feed = feed;
        this.properties = properties;
        this.audit = audit;
        this.publisher = publisher;
        this.services = services;
        this.labels = labels;
        this.clock = clock;
    }

    /** Who is logged in and the settings the page needs (SLA targets, templates, outcomes). */
    @GetMapping("/api/console/me")
    Mono<Map<String, Object>> me(ServerWebExchange exchange) {
        Mono<Boolean> supervisor = exchange.getPrincipal()
                .map(p -> p instanceof Authentication a
                        && a.getAuthorities().stream().anyMatch(g -> "ROLE_SUPERVISOR".equals(g.getAuthority())))
                .defaultIfEmpty(false);
        return person(exchange).zipWith(supervisor).map(t -> {
            String person = t.getT1();
            Map<String, Long> sla = new LinkedHashMap<>();
            properties.getSla().forEach((u, d) -> sla.put(u.name(), d.toSeconds()));
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("user", person);
            body.put("supervisor", t.getT2());
            body.put("slaSeconds", sla);
            body.put("amberAt", properties.getAmberAt());
            body.put("revealMinLength", properties.getRevealMinLength());
            body.put("replyTemplates", properties.getReplyTemplates());
            body.put("outcomes", properties.getOutcomes());
            body.put(
                    "urgencies", Arrays.stream(Urgency.values()).map(Enum::name).toList());
            body.put(
                    "categories",
                    Arrays.stream(Category.values()).map(Enum::name).toList());
            body.put(
                    "sensitivities",
                    Arrays.stream(Sensitivity.values()).map(Enum::name).toList());
            return body;
        });
    }

    @GetMapping(value = "/api/console/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    Flux<ServerSentEvent<QueueFeed.Change>> stream(ServerWebExchange exchange) {
        return person(exchange).flatMapMany(person -> feed.stream());
    }

    @GetMapping("/api/console/queue")
    Mono<List<QueueItem>> queue(ServerWebExchange exchange) {
        return person(exchange).publishOn(Schedulers.boundedElastic()).map(person -> feed.currentItems());
    }

    /** The report as an operator sees it before revealing anything; the view itself is a consultation. */
    @GetMapping("/api/console/reports/{reportId}")
    Mono<Map<String, Object>> report(@PathVariable String reportId, ServerWebExchange exchange) {
        return as(exchange, person -> {
            StoredReport stored = stored(reportId);
            ConsoleRecord console = state.find(reportId).orElse(null);
            audit.record(
                    person,
                    Action.REPORT_VIEWED,
                    LogCategory.CONSULTATION,
                    reportId,
                    null,
                    null,
                    Map.of("view", "redacted"));
            return ReportView.of(stored, console, properties);
        });
    }

    /** Original text, only with a justification; every reveal is its own consultation entry (who, when, why). */
    @PostMapping("/api/console/reports/{reportId}/reveal")
    Mono<Map<String, Object>> reveal(
            @PathVariable String reportId,
            @RequestBody(required = false) Map<String, String> body,
            ServerWebExchange exchange) {
        String justification = field(body, "justification");
        if (justification == null || justification.length() < properties.getRevealMinLength()) {
            return Mono.error(new ResponseStatusException(
                    HttpStatus.BAD_REQUEST,
                    "justification is required, at least " + properties.getRevealMinLength() + " characters"));
        }
        return as(exchange, person -> {
            StoredReport stored = stored(reportId);
            audit.record(
                    person,
                    Action.TEXT_REVEALED,
                    LogCategory.CONSULTATION,
                    reportId,
                    null,
                    justification,
                    Map.of("view", "original"));
            return ReportView.original(stored);
        });
    }

    @PostMapping("/api/console/reports/{reportId}/claim")
    Mono<Map<String, Object>> claim(@PathVariable String reportId, ServerWebExchange exchange) {
        return as(exchange, person -> {
            stored(reportId);
            if (!state.claim(reportId, person, clock.instant())) {
                throw new ResponseStatusException(HttpStatus.CONFLICT, "claimed by another operator");
            }
            audit.record(person, Action.REPORT_CLAIMED, LogCategory.ALTERATION, reportId, null, null, Map.of());
            feed.changed();
            return Map.of("reportId", reportId, "claimedBy", person);
        });
    }

    @PostMapping("/api/console/reports/{reportId}/release")
    Mono<Map<String, Object>> release(@PathVariable String reportId, ServerWebExchange exchange) {
        return as(exchange, person -> {
            stored(reportId);
            if (!state.release(reportId, person)) {
                throw new ResponseStatusException(HttpStatus.CONFLICT, "not claimed by you");
            }
            audit.record(person, Action.REPORT_RELEASED, LogCategory.ALTERATION, reportId, null, null, Map.of());
            feed.changed();
            return Map.of("reportId", reportId, "released", true);
        });
    }

    /** A supervisor takes a claim away from whoever holds it (an operator off shift, a stuck report). */
    @PostMapping("/api/console/supervisor/reports/{reportId}/release")
    Mono<Map<String, Object>> forceRelease(@PathVariable String reportId, ServerWebExchange exchange) {
        return as(exchange, person -> {
            stored(reportId);
            String holder = state.find(reportId).map(ConsoleRecord::claimedBy).orElse(null);
            if (holder == null || !state.release(reportId, holder)) {
                throw new ResponseStatusException(HttpStatus.CONFLICT, "not claimed");
            }
            audit.record(
                    person,
                    Action.REPORT_RELEASED,
                    LogCategory.ALTERATION,
                    reportId,
                    null,
                    null,
                    Map.of("releasedFrom", holder));
            feed.changed();
            return Map.of("reportId", reportId, "releasedFrom", holder);
        });
    }

    /**
     * A new revision with the operator's decision, published like any revision (the case bridge adds it as a note,
     * an emergency raises an alert). The first decision is kept for evaluating the classifier.
     */
    @PostMapping("/api/console/reports/{reportId}/reclassify")
    Mono<Map<String, Object>> reclassify(
            @PathVariable String reportId,
            @RequestBody(required = false) Map<String, String> body,
            ServerWebExchange exchange) {
        Urgency urgency;
        Category category;
        Sensitivity sensitivity;
        try {
            urgency = Urgency.valueOf(required(body, "urgency"));
            category = Category.valueOf(required(body, "category"));
            sensitivity = Sensitivity.valueOf(required(body, "sensitivity"));
        } catch (IllegalArgumentException e) {
            return Mono.error(new ResponseStatusException(
                    HttpStatus.BAD_REQUEST, "urgency, category and sensitivity must be one of the listed values"));
        }
        String reason = field(body, "reason");
        if (reason == null) {
            return Mono.error(new ResponseStatusException(HttpStatus.BAD_REQUEST, "reason is required"));
        }
        return as(exchange, person -> {
            StoredReport stored = stored(reportId);
            TriagedReport before = stored.event();
            if (before.urgency() == urgency && before.category() == category && before.sensitivity() == sensitivity) {
                throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "nothing changed");
            }
            TriagedReport after = reports.reclassify(before, urgency, category, sensitivity, clock.instant())
                    .orElseThrow(() -> new ResponseStatusException(
                            HttpStatus.CONFLICT, "the report changed meanwhile; look again"));
            state.reclassified(
                    reportId,
                    Decision.of(before),
                    new Reclassification(Decision.of(after), person, clock.instant(), reason));
            learnFrom(stored, after, person);
            audit.record(
                    person,
                    Action.REPORT_RECLASSIFIED,
                    LogCategory.ALTERATION,
                    reportId,
                    null,
                    reason,
                    Map.of(
                            "from",
                            before.urgency() + "/" + before.category() + "/" + before.sensitivity(),
                            "to",
                            urgency + "/" + category + "/" + sensitivity,
                            "revision",
                            String.valueOf(after.revision())));
            publisher.publish(TriageHandler.TRIAGED, reportId, after);
            if (urgency.isEmergencyBand() && !before.urgency().isEmergencyBand()) {
                publisher.publish(TriageHandler.ALERTS, reportId, after);
            }
            feed.changed();
            return Map.of("reportId", reportId, "revision", after.revision());
        });
    }

    @PostMapping("/api/console/reports/{reportId}/notes")
    Mono<Map<String, Object>> note(
            @PathVariable String reportId,
            @RequestBody(required = false) Map<String, String> body,
            @RequestHeader(value = "Idempotency-Key", required = false) String key,
            ServerWebExchange exchange) {
        String text = field(body, "text");
        if (text == null || text.length() > MAX_TEXT) {
            return Mono.error(new ResponseStatusException(
                    HttpStatus.BAD_REQUEST, "text is required, at most " + MAX_TEXT + " characters"));
        }
        String noteId = key == null || key.isBlank() ? UUID.randomUUID().toString() : key;
        return as(exchange, person -> {
            stored(reportId);
            state.addNote(reportId, noteId, person, text, clock.instant());
            audit.record(
                    person, Action.NOTE_ADDED, LogCategory.ALTERATION, reportId, null, null, Map.of("noteId", noteId));
            return Map.of("reportId", reportId, "noteId", noteId);
        });
    }

    /**
     * A reply through the notifier, on the channel the report came in on. The notifier audits the disclosure with
     * this person as actor; "cannot reply on channel" and window rules come back as a 422 with its state.
     */
    @PostMapping("/api/console/reports/{reportId}/replies")
    Mono<ResponseEntity<Map<String, Object>>> reply(
            @PathVariable String reportId,
            @RequestBody(required = false) Map<String, String> body,
            @RequestHeader(value = "Idempotency-Key", required = false) String key,
            ServerWebExchange exchange) {
        String text = field(body, "text");
        if (text == null || text.length() > MAX_TEXT) {
            return Mono.error(new ResponseStatusException(
                    HttpStatus.BAD_REQUEST, "text is required, at most " + MAX_TEXT + " characters"));
        }
        if (key == null || key.isBlank()) {
            return Mono.error(
                    new ResponseStatusException(HttpStatus.BAD_REQUEST, "Idempotency-Key header is required"));
        }
        return person(exchange)
                .flatMap(person -> services.reply(reportId, person, key, text).map(reply -> {
                    Map<String, Object> out = new LinkedHashMap<>(reply.body());
                    out.put("notifierStatus", reply.status());
                    HttpStatus status = switch (reply.status()) {
                        case 200, 201 -> HttpStatus.CREATED;
                        case 404 -> HttpStatus.NOT_FOUND;
                        case 422 -> HttpStatus.UNPROCESSABLE_ENTITY;
                        case 400 -> HttpStatus.BAD_REQUEST;
                        default -> HttpStatus.BAD_GATEWAY;
                    };
                    if (status == HttpStatus.NOT_FOUND) {
                        out.put(
                                "message",
                                "the notifier has not acknowledged this report yet, so it has no channel to reply on");
                    }
                    feed.changed();
                    return ResponseEntity.status(status).body(out);
                }));
    }

    /** Opens the case record, or asks for its reference again: the case bridge's input, republished. */
    @PostMapping("/api/console/reports/{reportId}/case")
    Mono<Map<String, Object>> openCase(@PathVariable String reportId, ServerWebExchange exchange) {
        return as(exchange, person -> {
            TriagedReport report = stored(reportId).event();
            audit.record(
                    person,
                    Action.CASE_REFRESH_REQUESTED,
                    LogCategory.DISCLOSURE,
                    reportId,
                    "case-bridge-service",
                    null,
                    Map.of("revision", String.valueOf(report.revision())));
            publisher.publish(TriageHandler.TRIAGED, reportId, report);
            return Map.of("reportId", reportId, "requested", true);
        });
    }

    @PostMapping("/api/console/reports/{reportId}/close")
    Mono<Map<String, Object>> close(
            @PathVariable String reportId,
            @RequestBody(required = false) Map<String, String> body,
            ServerWebExchange exchange) {
        String outcome = field(body, "outcome");
        if (outcome == null || !properties.getOutcomes().contains(outcome)) {
            return Mono.error(new ResponseStatusException(
                    HttpStatus.BAD_REQUEST, "outcome must be one of " + properties.getOutcomes()));
        }
        return as(exchange, person -> {
            stored(reportId);
            if (!reports.close(reportId, outcome, clock.instant())) {
                throw new ResponseStatusException(HttpStatus.CONFLICT, "the report is not open");
            }
            state.closed(reportId, person, outcome, clock.instant());
            audit.record(
                    person,
                    Action.REPORT_CLOSED,
                    LogCategory.ALTERATION,
                    reportId,
                    null,
                    null,
                    Map.of("outcome", outcome));
            feed.changed();
            return Map.of("reportId", reportId, "outcome", outcome);
        });
    }

    /** Connector health of every monitored account, from intake-service. */
    @GetMapping("/api/console/connectors")
    Mono<List<Map<String, Object>>> connectors(ServerWebExchange exchange) {
        return person(exchange).flatMap(person -> services.connectors());
    }

    private StoredReport stored(String reportId) {
        return reports.stored(reportId)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no such report"));
    }

    /**
     * The operator's decision becomes a labelled example for the next model: the report's redacted messages, the
     * new urgency and category, and the machine's first decision it corrects.
     */
    private void learnFrom(StoredReport stored, TriagedReport after, String person) {
        Decision machine =
                state.find(after.reportId()).map(ConsoleRecord::original).orElse(null);
        List<String> texts = new ArrayList<>();
        for (StoredReport.Message m : stored.thread()) {
            if (m.redactedText() != null) {
                texts.add(m.redactedText());
            }
        }
        labels.record(new OperatorLabel(
                after.reportId() + ":" + after.revision(),
                after.reportId(),
                after.source().channel(),
                after.language(),
                String.join("\n", texts),
                after.urgency(),
                after.category(),
                machine == null ? after.urgency() : Urgency.valueOf(machine.urgency()),
                machine == null ? after.category() : Category.valueOf(machine.category()),
                after.classifierVersion(),
                person,
                clock.instant()));
    }

    private static String required(Map<String, String> body, String name) {
        String value = field(body, name);
        if (value == null) {
            throw new IllegalArgumentException(name);
        }
        return value;
    }

    private static String field(Map<String, String> body, String name) {
        String value = body == null ? null : body.get(name);
        return value == null || value.isBlank() ? null : value.trim();
    }

    /** The logged-in person; no principal means not logged in. */
    static Mono<String> person(ServerWebExchange exchange) {
        return exchange.getPrincipal()
                .map(Principal::getName)
                .filter(name -> !name.isBlank())
                .switchIfEmpty(Mono.error(new ResponseStatusException(HttpStatus.UNAUTHORIZED, "login required")));
    }

    private <T> Mono<T> as(ServerWebExchange exchange, PersonCall<T> call) {
        return person(exchange)
                .flatMap(person -> Mono.fromCallable(() -> call.call(person)).subscribeOn(Schedulers.boundedElastic()));
    }

    @FunctionalInterface
    interface PersonCall<T> {
        T call(String person) throws Exception;
    }
}
