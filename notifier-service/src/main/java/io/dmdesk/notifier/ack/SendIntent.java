package io.dmdesk.notifier.ack;

import io.dmdesk.contracts.AcknowledgementSent.Kind;
import io.dmdesk.contracts.Channel;
import io.dmdesk.contracts.Platform;
import io.dmdesk.contracts.Urgency;
import java.time.Instant;
import java.util.Map;

/**
 * One message the notifier owes a citizen for a report: the acknowledgement, the emergency advice, the case
 * reference follow-up or an operator's reply. Stored by {@link Notifications}, which alone knows the field
 * names; one per report and kind (an operator reply per idempotency key).
 *
 * @param route      where the report's answers go; held by the acknowledgement intent, whose route every later
 *                   message of the report reuses ({@code null} on the others)
 * @param template   the message template the acknowledgement was composed from (null until composed)
 * @param attempts   claims so far; above zero a send may already have reached the platform
 * @param reconciled SENT because a retry found the message already on the platform
 * @param announced  for a SENT intent: its {@code AcknowledgementSent} and audit event are out too (false in the
 *                   window between the platform's answer and those records, so a redelivery sends them)
 */
public record SendIntent(
        String id,
        String reportId,
        Kind kind,
        State state,
        int attempts,
        Route route,
        String template,
        String caseReference,
        String operator,
        String platformMessageId,
        boolean reconciled,
        boolean announced) {

    /**
     * WAITING (a follow-up whose acknowledgement is not out yet), PENDING (ready), SENDING (claimed by one
     * sender for a lease), SENT, CANNOT_REPLY_ON_CHANNEL.
     */
    public enum State {
        WAITING,
        PENDING,
        SENDING,
        SENT,
        CANNOT_REPLY_ON_CHANNEL
    }

    /**
     * The report's way back to the citizen: platform, account, channel and recipient as the report came in,
     * plus what every message of the report needs (reference, language, urgency, when it was received).
     */
    public record Route(
            Platform platform,
            String account,
            Channel channel,
            String recipientId,
            String conversationId,
            String recipientHandle,
            String replyToMessageId,
            Instant lastMessageAt,
            String reference,
            String language,
            Urgency urgency,
            Instant receivedAt,
            Map<String, String> platformRefs) {

        public Route {
            platformRefs = platformRefs == null ? Map.of() : Map.copyOf(platformRefs);
        }

        boolean inPublic() {
            return channel == Channel.PUBLIC;
        }
    }

    public static String id(String reportId, String kind) {
        return reportId + ":" + kind;
    }

    /** A new intent of a report, before it is stored. */
    static SendIntent of(String id, String reportId, Kind kind, State state) {
        return new SendIntent(id, reportId, kind, state, 0, null, null, null, null, null, false, false);
    }

    SendIntent withRoute(Route route, String template) {
        return new SendIntent(
                id,
                reportId,
                kind,
                state,
                attempts,
                route,
                template,
                caseReference,
                operator,
                platformMessageId,
                reconciled,
                announced);
    }

    SendIntent withCaseReference(String caseReference) {
        return new SendIntent(
                id,
                reportId,
                kind,
                state,
                attempts,
                route,
                template,
                caseReference,
                operator,
                platformMessageId,
                reconciled,
                announced);
    }

    SendIntent withOperator(String operator) {
        return new SendIntent(
                id,
                reportId,
                kind,
                state,
                attempts,
                route,
                template,
                caseReference,
                operator,
                platformMessageId,
                reconciled,
                announced);
    }

    boolean is(State s) {
        return state == s;
    }
}
