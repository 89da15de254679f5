package io.dmdesk.triage.console;

import io.dmdesk.contracts.AuditEvent.Action;
import io.dmdesk.contracts.AuditEvent.LogCategory;
import io.dmdesk.contracts.Channel;
import io.dmdesk.triage.learning.OperatorLabel;
import io.dmdesk.triage.learning.OperatorLabels;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.json.JsonMapper;

/**
 * The operators' reclassifications as labelled examples, for evaluating and retraining the classifier
 * ({@code GET /api/console/supervisor/labelled-examples}, SUPERVISOR): JSON lines in the training-data format
 * ({@code id, channel, language, urgency, category, text}) plus what the machine had decided and which classifier
 * version decided it. Text is redacted as operators see it. The export is a disclosure, audited with the person.
 */
@RestController
class LabelledExamplesController {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final OperatorLabels labels;
    private final PersonAudit audit;

    LabelledExamplesController(OperatorLabels labels, PersonAudit audit) {
        this.labels = labels;
        this.audit = audit;
    }

    @GetMapping(value = "/api/console/supervisor/labelled-examples", produces = "application/x-ndjson")
    Mono<String> export(ServerWebExchange exchange) {
        return ConsoleController.person(exchange)
                .flatMap(person -> Mono.fromCallable(() -> {
                            List<OperatorLabel> all = labels.all();
                            StringBuilder out = new StringBuilder();
                            for (OperatorLabel l : all) {
                                Map<String, Object> line = new LinkedHashMap<>();
                                line.put("id", l.id());
                                line.put("channel", l.channel() == Channel.PUBLIC ? "mention" : "dm");
                                line.put("language", l.language());
                                line.put("urgency", l.urgency().name());
                                line.put("category", l.category().name());
                                line.put("text", l.redactedText());
                                line.put("machineUrgency", l.machineUrgency().name());
                                line.put("machineCategory", l.machineCategory().name());
                                line.put("classifierVersion", l.classifierVersion());
                                line.put("labelledAt", l.labelledAt().toString());
                                out.append(JSON.writeValueAsString(line)).append('\n');
                            }
                            audit.recordOn(
                                    person,
                                    Action.LABELLED_EXAMPLES_EXPORTED,
                                    LogCategory.DISCLOSURE,
                                    "labelled-examples",
                                    person,
                                    "retraining and evaluating the triage classifier",
                                    Map.of("examples", String.valueOf(all.size())));
                            return out.toString();
                        })
                        .subscribeOn(Schedulers.boundedElastic()));
    }
}
