package io.dmdesk.contracts;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * One step done to a report or message, for the logging duty of DPA 2018 s62 / LED Art. 25. Carries ids,
 * codes and reasons only: never message text, names or identifiers. Key: the report id, else the subject id.
 *
 * @param eventId   deterministic for pipeline steps ({@link #idFor}) so a redelivered step is stored once
 * @param category  the statutory kind of processing
 * @param recipient for disclosures: who received the data
 * @param details   ids and codes only (never personal data)
 */
public record AuditEvent(
        int schemaVersion,
        String eventId,
        Instant occurredAt,
        Actor actor,
        Action action,
        LogCategory category,
        String subjectId,
        String reportId,
        Outcome outcome,
        String recipient,
        String justification,
        Map<String, String> details) {

    public static final int SCHEMA_VERSION = 1;

    public AuditEvent {
        details = details == null ? Map.of() : Map.copyOf(details);
    }

    /** Same step on the same subject, same id: the audit store keeps one entry however often it is redelivered. */
    public static String idFor(Action action, String subjectId, String discriminator) {
        String name = action + "|" + subjectId + "|" + (discriminator == null ? "" : discriminator);
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** Who did it: a service or a person. */
    public record Actor(ActorType type, String id) {
        public static Actor service(String name) {
            return new Actor(ActorType.SERVICE, name);
        }
    }

    public enum ActorType {
        SERVICE,
        PERSON
    }

    /** The step. */
    public enum Action {
        MESSAGE_RECEIVED,
        WEBHOOK_REJECTED,
        REPORT_TRIAGED,
        ALERT_RAISED,
        CASE_OPENED,
        CASE_NOTE_ADDED,
        CASE_OPEN_FAILED,
        ACKNOWLEDGEMENT_SENT,
        ACKNOWLEDGEMENT_FAILED,
        REPORT_VIEWED,
        TEXT_REVEALED,
        REPORT_RECLASSIFIED,
        OPERATOR_REPLY_SENT,
        DATA_ERASED,
        STEP_FAILED,
        MESSAGE_EDITED,
        MESSAGE_DELETED,
        // Operator actions in the console (triage-service).
        REPORT_CLAIMED,
        REPORT_RELEASED,
        NOTE_ADDED,
        REPORT_CLOSED,
        CASE_REFRESH_REQUESTED,
        /** The case bridge decided a report opens no record (a configured non-crime urgency or category). */
        CASE_NOT_OPENED,
        /** A supervisor exported the operators' reclassifications (redacted text and labels) to retrain triage. */
        LABELLED_EXAMPLES_EXPORTED,
        /**
         * The notifier answered a public mention, comment or group message in public, in its thread (a disclosure
         * anyone can read, unlike an ACKNOWLEDGEMENT_SENT to the citizen alone).
         */
        PUBLIC_REPLY_SENT,
        // Access to a service by a person (category ACCESS); never the password or a mistyped username.
        SIGNED_IN,
        SIGNED_OUT,
        SIGN_IN_FAILED,
        SESSION_EXPIRED,
        /**
         * A record was refused because the data key of its personal fields was erased (crypto-shredding): skipped by
         * a consumer, or kept back by a DLQ replay. Category ERASURE, outcome REJECTED; details name topic,
         * partition, offset and key id.
         */
        RECORD_KEY_ERASED
    }

    /**
     * The kinds of processing the law requires a log of, plus ACCESS: who signed in to or out of a service, or
     * failed to (the security log that lets an auditor tie consultations to sessions).
     */
    public enum LogCategory {
        COLLECTION,
        ALTERATION,
        CONSULTATION,
        DISCLOSURE,
        COMBINATION,
        ERASURE,
        ACCESS
    }

    public enum Outcome {
        SUCCESS,
        FAILURE,
        REJECTED
    }
}
