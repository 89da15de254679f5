package io.dmdesk.triage.queue;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import io.dmdesk.contracts.Urgency;
import io.dmdesk.support.mongo.MongoStore;
import io.dmdesk.support.schedule.PeriodicTask;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import org.bson.Document;
import org.springframework.stereotype.Component;

/**
 * What the control-room supervisor watches: open reports per urgency ({@code dmdesk_triage_queue_open}) and how
 * long the oldest of them has waited ({@code dmdesk_triage_queue_oldest_age_seconds}). Read from the store every
 * 15 s, off the scrape path, so every replica reports the same numbers (dashboards use max, not sum).
 */
@Component
class QueueMetrics extends PeriodicTask {

    private final MongoStore store;
    private final Clock clock;
    private final Map<Urgency, double[]> values = new EnumMap<>(Urgency.class);

    QueueMetrics(MongoStore store, Clock clock, MeterRegistry meters) {
        super("queue-metrics", Duration.ofSeconds(1), Duration.ofSeconds(15));
        this.store = store;
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
            var open = Filters.and(Filters.eq("status", "OPEN"), Filters.eq("urgencyRank", u.ordinal()));
            long count = store.await(store.collection("reports").countDocuments(open));
            Document oldest = store.awaitOptional(store.collection("reports")
                            .find(open)
                            .sort(Sorts.ascending("createdAt"))
                            .limit(1)
                            .first())
                    .orElse(null);
            double age = oldest == null || oldest.getDate("createdAt") == null
                    ? 0
                    : Math.max(0, clock.millis() - oldest.getDate("createdAt").getTime()) / 1000.0;
            values.get(u)[0] = count;
            values.get(u)[1] = age;
        }
    }
}
