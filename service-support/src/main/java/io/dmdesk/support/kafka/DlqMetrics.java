package io.dmdesk.support.kafka;

import io.dmdesk.support.schedule.PeriodicTask;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code dmdesk_dlq_pending{topic}}: dead letters of this service's consumer bindings not yet replayed,
 * refreshed every 30 s off the scrape path (it asks the broker for offsets). Ops alert when it is above 0.
 */
public class DlqMetrics extends PeriodicTask {

    private final DlqReplayer replayer;
    private final List<String> dlqs;
    private final Map<String, Double> pending = new ConcurrentHashMap<>();

    public DlqMetrics(DlqReplayer replayer, List<String> dlqs, MeterRegistry meters) {
        super("dlq-metrics", Duration.ofSeconds(5), Duration.ofSeconds(30));
        this.replayer = replayer;
        this.dlqs = List.copyOf(dlqs);
        for (String dlq : this.dlqs) {
            pending.put(dlq, 0.0);
            Gauge.builder("dmdesk.dlq.pending", pending, p -> p.getOrDefault(dlq, 0.0))
                    .description("dead letters not yet replayed")
                    .tag("topic", dlq)
                    .register(meters);
        }
    }

    @Override
    public void refresh() {
        Map<String, Long> now = replayer.pending();
        dlqs.forEach(dlq -> pending.put(dlq, now.getOrDefault(dlq, 0L).doubleValue()));
    }
}
