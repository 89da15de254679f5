package io.dmdesk.contracts;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Every topic of the system, declared once with its retention. Bindings name these destinations; a guard checks
 * them at start-up; the services create them (and set their retention) before any binding starts.
 *
 * <p>Retention is how long personal data on a topic can still be read, replayed or restored from a broker backup,
 * so every topic keeps its records only as long as its consumers need them to ride out an outage. A consumer that
 * is down for longer than its topic's retention loses records: the periods below are the outages the system is
 * built to survive.
 */
public final class Topics {

    public static final Topic SOCIAL_INBOUND = new Topic(
            "social.inbound",
            "conversation key (platform:account:conversation)",
            InboundMessage.class,
            12,
            Duration.ofDays(7),
            "message text and author; triage reads it within seconds, 7 days rides out a triage outage over a"
                    + " long weekend, and triage's store keeps (and erases) what must be kept");
    public static final Topic REPORTS_TRIAGED = new Topic(
            "reports.triaged",
            "report id",
            TriagedReport.class,
            12,
            Duration.ofDays(7),
            "the whole report with text and author; reports wait here while the case system or a platform is"
                    + " down, 7 days covers a week-long outage");
    public static final Topic ALERTS = new Topic(
            "alerts",
            "report id",
            TriagedReport.class,
            3,
            Duration.ofDays(3),
            "emergencies for the control room, of use only in real time; 3 days covers a weekend");
    public static final Topic CASES_OPENED = new Topic(
            "cases.opened",
            "report id",
            CaseOpened.class,
            12,
            Duration.ofDays(14),
            "ids and case references, no message text; it follows reports.triaged, so it keeps longer to let"
                    + " notifier and console catch up after the reports drained");
    public static final Topic ACKNOWLEDGEMENTS_SENT = new Topic(
            "acknowledgements.sent",
            "report id",
            AcknowledgementSent.class,
            12,
            Duration.ofDays(14),
            "ids and the conversation id, no message text; as cases.opened, for the console to catch up");
    public static final Topic AUDIT_EVENTS = new Topic(
            "audit.events",
            "report id, else subject id",
            AuditEvent.class,
            12,
            Duration.ofDays(30),
            "ids, codes and reasons, no message text; an event lost before the audit service stored it is a"
                    + " gap in the trail, so it outlasts any outage of the audit service or its store");
    /** Personal data of a report was erased in triage (retention or a request); other services erase theirs. */
    public static final Topic DATA_ERASURE = new Topic(
            "data.erasure",
            "report id",
            DataErasure.class,
            12,
            Duration.ofDays(30),
            "ids only; a request lost before a service acted on it leaves personal data behind, so it"
                    + " outlasts any outage of its consumers");

    public static final List<Topic> ALL = List.of(
            SOCIAL_INBOUND, REPORTS_TRIAGED, ALERTS, CASES_OPENED, ACKNOWLEDGEMENTS_SENT, AUDIT_EVENTS, DATA_ERASURE);

    /**
     * How long a dead-letter topic keeps a record at least: time for ops to see it (alert DmdeskDlqNotEmpty), fix
     * the cause and replay it, over two weekends.
     */
    public static final Duration DLQ_RETENTION = Duration.ofDays(14);

    /** Dead-letter topics are named {@code <topic>.<consumer group>.dlq}. */
    public static String dlqName(String topic, String group) {
        return topic + "." + group + ".dlq";
    }

    /**
     * The dead-letter topic of a consumer group: key, value and partitions of its source; it keeps records
     * {@link #DLQ_RETENTION}, or as long as its source when that is longer (audit and erasure: a dead letter that
     * expires unreplayed is a gap in the trail or an erasure never done).
     */
    public static Topic deadLetter(Topic source, String group) {
        boolean sourceLonger = source.retention().compareTo(DLQ_RETENTION) > 0;
        return new Topic(
                dlqName(source.name(), group),
                source.key(),
                source.valueType(),
                source.partitions(),
                sourceLonger ? source.retention() : DLQ_RETENTION,
                sourceLonger
                        ? "as its source " + source.name() + ": a dead letter lost unreplayed is lost for good"
                        : "time to see a dead letter, fix the cause and replay it, over two weekends");
    }

    /** The dead-letter topic of that name, when it is {@code <topic of this table>.<group>.dlq}. */
    public static Optional<Topic> deadLetterNamed(String name) {
        if (!name.endsWith(".dlq")) {
            return Optional.empty();
        }
        String base = name.substring(0, name.length() - ".dlq".length());
        // The longest topic name that prefixes it, in case one topic's name ever starts with another's.
        return ALL.stream()
                .filter(t -> base.startsWith(t.name() + ".")
                        && base.length() > t.name().length() + 1)
                .max(Comparator.comparingInt(t -> t.name().length()))
                .map(t -> deadLetter(t, base.substring(t.name().length() + 1)));
    }

    public static Optional<Topic> byName(String name) {
        return ALL.stream().filter(t -> t.name().equals(name)).findFirst();
    }

    private Topics() {}
}
