package io.dmdesk.support.kafka;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * {@code dmdesk_dlq_pending{topic}}: dead letters of this service's consumer bindings not yet replayed,
 * refreshed every 30 s off the scrape path (it asks the broker for offsets). Ops alert when it is above 0.
 */
public class DlqMetrics implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DlqMetrics.class);

    private final DlqReplayer replayer;
    private final List<String> dlqs;
    private final Map<String, Double> pending = new ConcurrentHashMap<>();
    private ScheduledExecutorService executor;

    public DlqMetrics(DlqReplayer replayer, List<String> dlqs, MeterRegistry meters) {
        this.replayer = replayer;
        this.dlqs = List.copyOf(dlqs);
        for (String dlq : this.dlqs) {
            pending.put(dlq, 0.0);
            Gauge.builder("dmdesk.dlq.pending", pending, p -> p.getOrDefault(dlq, 0.0))
                    .description("dead letters not yet replayed").tag("topic", dlq).register(meters);
        }
    }

    public void refresh() {
        try {
            Map<String, Long> now = replayer.pending();
            dlqs.forEach(dlq -> pending.put(dlq, now.getOrDefault(dlq, 0L).doubleValue()));
        } catch (RuntimeException e) {
            log.warn("could not read dead-letter offsets: {}", e.toString());
        }
    }

    @Override
    public void start() {
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "dlq-metrics");
            t.setDaemon(true);
            return t;
        });
        executor.scheduleWithFixedDelay(this::refresh, 5, 30, TimeUnit.SECONDS);
    }

    @Override
    public void stop() {
        if (executor != null) {
            executor.shutdownNow();
            executor = null;
        }
    }

    @Override
    public boolean isRunning() {
        return executor != null;
    }
}
