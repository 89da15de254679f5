package io.dmdesk.support.crypto;

import io.dmdesk.contracts.AuditEvent;
import io.dmdesk.contracts.AuditEvent.Action;
import io.dmdesk.contracts.AuditEvent.LogCategory;
import io.dmdesk.contracts.AuditEvent.Outcome;
import java.time.Clock;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What happens to a record whose data key was erased: it is not processed, not retried and not dead-lettered; the
 * refusal is audited (RECORD_KEY_ERASED, once per service and record) and the offset moves on.
 */
public class ErasedRecords {

    /** A consumer skipped the record. */
    public static final String CONSUMED = "consume";
    /** A DLQ replay refused to send the record back. */
    public static final String REPLAY = "dlq-replay";

    private static final Logger log = LoggerFactory.getLogger(ErasedRecords.class);

    /** Writes the audit event (the service's auditor; crypto itself depends on no audit or Kafka code). */
    private final Consumer<AuditEvent> audit;

    private final Clock clock;
    private final String service;

    public ErasedRecords(Consumer<AuditEvent> audit, Clock clock, String service) {
        this.audit = audit;
        this.clock = clock;
        this.service = service;
    }

    public void refused(String where, String topic, int partition, long offset, RecordKeyErasedException erased) {
        String position = topic + "/" + partition + "@" + offset;
        log.info("record {} refused at {}: its data key {} was erased", position, where, erased.keyId());
        audit.accept(new AuditEvent(
                AuditEvent.SCHEMA_VERSION,
                AuditEvent.idFor(Action.RECORD_KEY_ERASED, erased.subjectId(), service + "|" + where + "|" + position),
                clock.instant(),
                AuditEvent.Actor.service(service),
                Action.RECORD_KEY_ERASED,
                LogCategory.ERASURE,
                erased.subjectId(),
                erased.reportId(),
                Outcome.REJECTED,
                null,
                null,
                Map.of(
                        "where",
                        where,
                        "topic",
                        topic,
                        "partition",
                        String.valueOf(partition),
                        "offset",
                        String.valueOf(offset),
                        "keyId",
                        erased.keyId(),
                        "service",
                        service)));
    }

    /** The erasure in an exception's cause chain, if any. */
    public static RecordKeyErasedException in(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof RecordKeyErasedException erased) {
                return erased;
            }
        }
        return null;
    }
}
