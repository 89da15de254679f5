package io.dmdesk.contracts;

import java.time.Instant;

/** The citizen was sent a message on the channel the report came in on. Key: the report id. */
public record AcknowledgementSent(
        int schemaVersion,
        String reportId,
        Kind kind,
        Platform platform,
        String accountId,
        String conversationId,
        String platformMessageId,
        String template,
        String language,
        Instant sentAt) {

    public static final int SCHEMA_VERSION = 1;

    /** What was sent. */
    public enum Kind {
        ACKNOWLEDGEMENT,
        EMERGENCY_ADVICE,
        CASE_REFERENCE,
        OPERATOR_REPLY
    }
}
