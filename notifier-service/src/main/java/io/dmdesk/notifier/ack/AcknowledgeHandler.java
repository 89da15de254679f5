package io.dmdesk.notifier.ack;

import io.dmdesk.contracts.AcknowledgementSent.Kind;
import io.dmdesk.contracts.AuditEvent.Actor;
import io.dmdesk.contracts.CaseOpened;
import io.dmdesk.contracts.Channel;
import io.dmdesk.contracts.TriagedReport;
import io.dmdesk.notifier.ack.SendIntent.Route;
import io.dmdesk.notifier.ack.SendIntent.State;
import io.dmdesk.notifier.template.Messages;
import java.util.function.Consumer;
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
                    notifications.intend(SendIntent.of(
                                    SendIntent.id(opened.reportId(), Kind.CASE_REFERENCE.name()),
                                    opened.reportId(),
                                    Kind.CASE_REFERENCE,
                                    State.WAITING)
                            .withCaseReference(opened.caseReference()));
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
        boolean inPublic = report.source().channel() == Channel.PUBLIC;
        Messages.Composed composed = inPublic ? messages.publicReply(report) : messages.acknowledgement(report);
        String id = SendIntent.id(report.reportId(), ACK);
        var source = report.source();
        Route route = new Route(
                source.platform(),
                source.account().id(),
                source.channel(),
                source.author().id(),
                source.conversationId(),
                source.author().handle(),
                source.nativeMessageId(),
                source.platformTimestamp(),
                report.reference(),
                composed.language(),
                report.urgency(),
                source.receivedAt(),
                source.platformRefs());
        SendIntent intent =
                notifications.intend(SendIntent.of(id, report.reportId(), Kind.ACKNOWLEDGEMENT, State.PENDING)
                        .withRoute(route, composed.template()));
        // In public the reference is not in the text, so a lookup after a lost outcome looks for the text itself.
        dispatcher.dispatch(
                id,
                intent.route(),
                intent.template(),
                composed.text(),
                inPublic ? composed.text() : report.reference(),
                SELF);
        sendFollowUpIfDue(report.reportId());
    }

    /**
     * Follow-up messages join a report that was acknowledged already, so they get no second acknowledgement;
     * but when one turns the report into an emergency, the citizen gets the emergency advice at once, once.
     */
    void adviseEmergency(TriagedReport report) {
        SendIntent ack =
                notifications.find(SendIntent.id(report.reportId(), ACK)).orElse(null);
        if (ack == null || ack.route() == null) {
            return; // never acknowledged on a channel we can reach
        }
        String template = String.valueOf(ack.template());
        if (template.startsWith("ack.emergency") || template.equals("public-reply.emergency")) {
            return; // the advice went out with the acknowledgement
        }
        String id = SendIntent.id(report.reportId(), Kind.EMERGENCY_ADVICE.name());
        notifications.intend(SendIntent.of(id, report.reportId(), Kind.EMERGENCY_ADVICE, State.PENDING));
        String language = ack.route().language();
        String text =
                ack.route().inPublic() ? messages.publicReply(language, true) : messages.emergencyAdvice(language);
        dispatcher.dispatch(id, ack.route(), "emergency-advice", text, text, SELF);
    }

    /** Sends the case reference once the acknowledgement is out; until then it waits. */
    private void sendFollowUpIfDue(String reportId) {
        SendIntent ack = notifications.find(SendIntent.id(reportId, ACK)).orElse(null);
        String followUpId = SendIntent.id(reportId, Kind.CASE_REFERENCE.name());
        SendIntent followUp = notifications.find(followUpId).orElse(null);
        if (ack == null || followUp == null) {
            return;
        }
        if (ack.is(State.CANNOT_REPLY_ON_CHANNEL) || ack.route() == null) {
            notifications.markUndeliverable(followUpId, "acknowledgement could not be sent on this channel");
            return;
        }
        if (ack.route().inPublic()) {
            // A case reference in public would tell everyone a crime was recorded for this person.
            notifications.markUndeliverable(followUpId, "a case reference is never posted publicly");
            return;
        }
        if (!ack.is(State.SENT)) {
            return;
        }
        notifications.release(followUpId);
        String caseReference = followUp.caseReference();
        dispatcher.dispatch(
                followUpId,
                ack.route(),
                "case-reference",
                messages.caseReference(ack.route().language(), ack.route().reference(), caseReference),
                caseReference,
                SELF);
    }
}
