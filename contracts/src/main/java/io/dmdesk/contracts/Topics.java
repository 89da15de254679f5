package io.dmdesk.contracts;

import java.util.List;
import java.util.Optional;

/** Every topic of the system, declared once. Bindings name these destinations; a guard checks them at start-up. */
public final class Topics {

    public static final Topic SOCIAL_INBOUND =
            new Topic("social.inbound", "conversation key (platform:account:conversation)", InboundMessage.class, 12);
    public static final Topic REPORTS_TRIAGED =
            new Topic("reports.triaged", "report id", TriagedReport.class, 12);
    public static final Topic ALERTS =
            new Topic("alerts", "report id", TriagedReport.class, 3);
    public static final Topic CASES_OPENED =
            new Topic("cases.opened", "report id", CaseOpened.class, 12);
    public static final Topic ACKNOWLEDGEMENTS_SENT =
            new Topic("acknowledgements.sent", "report id", AcknowledgementSent.class, 12);
    public static final Topic AUDIT_EVENTS =
            new Topic("audit.events", "report id, else subject id", AuditEvent.class, 12);
    /** Personal data of a report was erased in triage (retention or a request); other services erase theirs. */
    public static final Topic DATA_ERASURE =
            new Topic("data.erasure", "report id", DataErasure.class, 12);

    public static final List<Topic> ALL =
            List.of(SOCIAL_INBOUND, REPORTS_TRIAGED, ALERTS, CASES_OPENED, ACKNOWLEDGEMENTS_SENT, AUDIT_EVENTS,
                    DATA_ERASURE);

    /** Dead-letter topics are named {@code <topic>.<consumer group>.dlq}. */
    public static String dlqName(String topic, String group) {
        return topic + "." + group + ".dlq";
    }

    public static Optional<Topic> byName(String name) {
        return ALL.stream().filter(t -> t.name().equals(name)).findFirst();
    }

    private Topics() {
    }
}
