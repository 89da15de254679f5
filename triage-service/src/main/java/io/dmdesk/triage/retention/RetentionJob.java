package io.dmdesk.triage.retention;

import io.dmdesk.contracts.AuditEvent;
import io.dmdesk.contracts.DataErasure;
import io.dmdesk.support.schedule.PeriodicTask;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Erases the personal data of reports whose retention period has passed ({@link RetentionProperties}), in
 * batches, every {@code dmdesk.retention.check-every}. Every replica may run it: the erasure of a report is
 * conditional and idempotent, so two replicas erasing the same report do it once.
 */
@Component
@ConditionalOnProperty(name = "dmdesk.retention.enabled", havingValue = "true", matchIfMissing = true)
public class RetentionJob extends PeriodicTask {

    private static final Logger log = LoggerFactory.getLogger(RetentionJob.class);
    private static final int BATCH = 500;

    private final ErasableReports reports;
    private final ReportErasure erasure;
    private final RetentionProperties properties;
    private final Clock clock;
    private final Counter erased;
    private final AuditEvent.Actor self;

    RetentionJob(
            ErasableReports reports,
            ReportErasure erasure,
            RetentionProperties properties,
            Clock clock,
            MeterRegistry meters) {
        super("retention", properties.checkEvery(), properties.checkEvery());
        this.reports = reports;
        this.erasure = erasure;
        this.properties = properties;
        this.clock = clock;
        this.erased = Counter.builder("dmdesk.retention.erased")
                .description("reports whose personal data was erased")
                .tag("reason", DataErasure.RETENTION)
                .register(meters);
        this.self = AuditEvent.Actor.service("triage-service");
    }

    /** One pass: every report due now is erased (up to a batch per rule; the next pass takes the rest). */
    @Override
    public void refresh() {
        Instant now = clock.instant();
        Set<String> due = new LinkedHashSet<>();
        properties
                .closed()
                .forEach((outcome, period) -> due.addAll(reports.closedWithOutcome(outcome, now.minus(period), BATCH)));
        due.addAll(reports.closedWithOtherOutcome(
                properties.closed().keySet(), now.minus(properties.closedDefault()), BATCH));
        due.addAll(reports.unclosed(now.minus(properties.unclosed()), BATCH));
        due.addAll(reports.nonCrime(
                properties.nonCrimeCategories().stream().map(Enum::name).toList(),
                now.minus(properties.nonCrime()),
                BATCH));
        int count = 0;
        for (String reportId : due) {
            if (erasure.erase(reportId, DataErasure.RETENTION, self, null)) {
                count++;
            }
        }
        erased.increment(count);
        if (count > 0) {
            log.info("retention erased the personal data of {} reports", count);
        }
    }
}
