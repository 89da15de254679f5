package io.dmdesk.triage.queue;

import io.dmdesk.contracts.Urgency;
import io.dmdesk.support.schedule.PeriodicTask;
import io.dmdesk.triage.report.ReportStore;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * What the control-room supervisor watches: open reports per urgency ({@code dmdesk_triage_queue_open}) and how
 * long the oldest of them has waited ({@code dmdesk_triage_queue_oldest_age_seconds}). Read from the store every
 * 15 s, off the scrape path, so every replica reports the same numbers (dashboards use max, not sum).
 */
@Component
class QueueMetrics extends PeriodicTask {

    private final ReportStore reports;
    private final Clock clock;
    private final Map<Urgency, double[]> values = new EnumMap<>(Urgency.class);

    QueueMetrics(ReportStore reports, Clock clock, MeterRegistry meters) {
        super("queue-metrics", Duration.ofSeconds(1), Duration.ofSeconds(15));
        this.reports = reports;
        this.clock = clock;
        for (Urgency u : Urgency.values()) {
            double[] v = new double[2];
            values.put(u, v);
            Gauge.builder("dmdesk.triage.queue.open", v, a -> a[0])
                    .description("open reports")
                    .tag("urgency", u.name())
                    .register(meters);
            Gauge.builder("dmdesk.triage.queue.oldest.age.seconds", v, a -> a[1])
                    .description("age of the oldest open report, 0 when none")
                    .tag("urgency", u.name())
                    .register(meters);
        }
    }

    @Override
    public void refresh() {
        for (Urgency u : Urgency.values()) {
            long count = reports.openCount(u);
            double age = reports.oldestOpenCreatedAt(u)
                    .map(createdAt -> Math.max(0, clock.millis() - createdAt.toEpochMilli()) / 1000.0)
                    .orElse(0.0);
            values.get(u)[0] = count;
            values.get(u)[1] = age;
        }
    }
}
