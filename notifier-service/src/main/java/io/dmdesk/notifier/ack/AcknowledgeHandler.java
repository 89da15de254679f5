package io.dmdesk.notifier.ack;

import io.dmdesk.contracts.AcknowledgementSent.Kind;
import io.dmdesk.contracts.AuditEvent.Actor;
import io.dmdesk.contracts.CaseOpened;
import io.dmdesk.contracts.TriagedReport;
import io.dmdesk.notifier.template.Messages;
import java.util.function.Consumer;
import org.bson.Document;
import org.slf4j.MDC;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Acknowledges a report as soon as it is triaged, with the product's own reference: it never waits for the
 * case system. When the case record exists, the case reference follows as its own message, always after the
 * acknowledgement (a follow-up that arrives first waits for it).
 */
@Configuration
class AcknowledgeHandler {

    static final String ACK = Kind.ACKNOWLEDGEMENT.name();
    static final String FOLLOW_UP = Kind.CASE_REFERENCE.name();
    static final String ADVICE = Kind.EMERGENCY_ADVICE.name();
    private static final Actor SELF = Actor.service("notifier-service");

    private final Notifications notifications;
    private final Dispatcher dispatcher;
    private final Messages messages;

    AcknowledgeHandler(Notifications notifications, Dispatcher dispatcher, Messages messages) {
        this.notifications = notifications;
        this.dispatcher = dispatcher;
        this.messages = messages;
    }

    @Bean
    Consumer<TriagedReport> acknowledge() {
        return report -> {
            MDC.put("reportId", report.reportId());
            try {
                if (report.revision() == 1) {
                    acknowledge(report);
                } else if (report.urgency().isEmergencyBand()) {
                    adviseEmergency(report); // a follow-up made it an emergency
                }
            } finally {
                MDC.clear();
            }
        };
    }

    @Bean
    Consumer<CaseOpened> followUp() {
        return opened -> {
            MDC.put("reportId", opened.reportId());
            try {
                if (messages.caseReferenceFollowUp()) {
                    notifications.intend(new Document("_id", Notifications.id(opened.reportId(), FOLLOW_UP))
                            .append("reportId", opened.reportId()).append("kind", FOLLOW_UP)
                            .append("state", Notifications.WAITING).append("caseReference", opened.caseReference()));
                    sendFollowUpIfDue(opened.reportId());
                }
            } finally {
                MDC.clear();
            }
        };
    }

    /**
     * A DM gets the acknowledgement with the reference; a public mention or comment gets the public answer
     * instead, in its thread, which repeats nothing of the report (see {@link Messages#publicReply}). Either
     * way it is the report's one ACKNOWLEDGEMENT intent, sent once.
     */
    void acknowledge(TriagedReport report) {
        boolean inPublic = report.source().channel() == io.dmdesk.contracts.Channel.PUBLIC;
        Messages.Composed composed = inPublic ? messages.publicReply(report) : messages.acknowledgement(report);
        String id = Notifications.id(report.reportId(), ACK);
        Document intent = notifications.intend(new Document("_id", id)
                .append("reportId", report.reportId()).append("kind", ACK).append("state", Notifications.PENDING)
                .append("platform", report.source().platform().code()).append("account", report.source().account().id())
                .append("channel", report.source().channel().name())
                .append("recipientId", report.source().author().id())
                .append("conversationId", report.source().conversationId())
                .append("recipientHandle", report.source().author().handle())
                .append("replyToMessageId", report.source().nativeMessageId())
                .append("lastMessageAt", report.source().platformTimestamp() == null ? null
                        : java.util.Date.from(report.source().platformTimestamp()))
                .append("reference", report.reference()).append("language", composed.language())
                .append("urgency", report.urgency().name())
                .append("receivedAt", java.util.Date.from(report.source().receivedAt()))
                .append("template", composed.template())
                .append("platformRefs", new Document(new java.util.HashMap<String, Object>(report.source().platformRefs()))));
        // In public the reference is not in the text, so a lookup after a lost outcome looks for the text itself.
        dispatcher.dispatch(id, intent, composed.text(), inPublic ? composed.text() : report.reference(), SELF);
        sendFollowUpIfDue(report.reportId());
    }

    /**
     * Follow-up messages join a report that was acknowledged already, so they get no second acknowledgement;
     * but when one turns the report into an emergency, the citizen gets the emergency advice at once, once.
     */
    void adviseEmergency(TriagedReport report) {
        Document ack = notifications.find(Notifications.id(report.reportId(), ACK)).orElse(null);
        String template = String.valueOf(ack == null ? null : ack.getString("template"));
        if (ack == null || template.startsWith("ack.emergency") || template.equals("public-reply.emergency")) {
            return; // never acknowledged on a channel we can reach, or the advice went out with it
        }
        String id = Notifications.id(report.reportId(), ADVICE);
        notifications.intend(new Document("_id", id).append("reportId", report.reportId()).append("kind", ADVICE)
                .append("state", Notifications.PENDING));
        String text = "PUBLIC".equals(ack.getString("channel")) ? messages.publicReply(ack.getString("language"), true)
                : messages.emergencyAdvice(ack.getString("language"));
        dispatcher.dispatch(id, new Document(ack).append("template", "emergency-advice"), text, text, SELF);
    }

    /** Sends the case reference once the acknowledgement is out; until then it waits. */
    private void sendFollowUpIfDue(String reportId) {
        Document ack = notifications.find(Notifications.id(reportId, ACK)).orElse(null);
        String followUpId = Notifications.id(reportId, FOLLOW_UP);
        Document followUp = notifications.find(followUpId).orElse(null);
        if (ack == null || followUp == null) {
            return;
        }
        if (Notifications.CANNOT_REPLY.equals(ack.getString("state"))) {
            notifications.markUndeliverable(followUpId, "acknowledgement could not be sent on this channel");
            return;
        }
        if ("PUBLIC".equals(ack.getString("channel"))) {
            // A case reference in public would tell everyone a crime was recorded for this person.
            notifications.markUndeliverable(followUpId, "a case reference is never posted publicly");
            return;
        }
        if (!Notifications.SENT.equals(ack.getString("state"))) {
            return;
        }
        notifications.release(followUpId);
        String caseReference = followUp.getString("caseReference");
        Document channel = new Document(ack).append("template", "case-reference");
        dispatcher.dispatch(followUpId, channel, messages.caseReference(ack.getString("language"),
                ack.getString("reference"), caseReference), caseReference, SELF);
    }
}
