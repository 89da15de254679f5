package io.dmdesk.support.kafka;

import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Operations endpoints for dead letters: {@code GET /admin/dlq} lists pending records per DLQ,
 * {@code POST /admin/dlq/{topic}/replay?max=N} sends them back to their original topic (and says how many it
 * refused because their report was erased).
 */
@RestController
class DlqController {

    private final DlqReplayer replayer;

    DlqController(DlqReplayer replayer) {
        this.replayer = replayer;
    }

    @GetMapping("/admin/dlq")
    Mono<Map<String, Long>> pending() {
        return Mono.fromCallable(replayer::pending).subscribeOn(Schedulers.boundedElastic());
    }

    @PostMapping("/admin/dlq/{topic}/replay")
    Mono<Map<String, Object>> replay(@PathVariable String topic, @RequestParam(defaultValue = "1000") int max) {
        return Mono.fromCallable(() -> {
                    DlqReplayer.Outcome outcome = replayer.replayWithOutcome(topic, max);
                    return Map.<String, Object>of(
                            "topic", topic, "replayed", outcome.replayed(), "refusedErased", outcome.refusedErased());
                })
                .subscribeOn(Schedulers.boundedElastic());
    }
}
