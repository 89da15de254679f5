package io.dmdesk.notifier.ack;

import io.dmdesk.contracts.AcknowledgementSent;
import io.dmdesk.contracts.AcknowledgementSent.Kind;
import io.dmdesk.contracts.AuditEvent;
import io.dmdesk.contracts.AuditEvent.Action;
import io.dmdesk.contracts.AuditEvent.LogCategory;
import io.dmdesk.contracts.Platform;
import io.dmdesk.notifier.ack.SendIntent.Route;
import io.dmdesk.notifier.ack.SendIntent.State;
import io.dmdesk.notifier.send.PlatformSender;
import io.dmdesk.notifier.send.RecipientUnreachableException;
import io.dmdesk.support.accounts.AccountsProperties;
import io.dmdesk.support.audit.Auditor;
import io.dmdesk.support.errors.DependencyUnavailableException;
import io.dmdesk.support.kafka.EventPublisher;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Sends one intent at most once. A claimed intent that was attempted before may already have reached the
 * citizen (the sender died after the platform call): the platform is asked first whether a message carrying
 * the intent's marker (the reference) went out, and only if not is it sent again. Where a platform cannot be
 * asked, the choice is to send again: a duplicate is better than a citizen who never hears back.
 */
@Component
class Dispatcher {

    static final String BINDING = "acknowledgements-out";
    private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);

    private final Notifications notifications;
    private final Map<Platform, PlatformSender> senders;
    private final AccountsProperties accounts;
    private final EventPublisher publisher;
    private final Auditor auditor;
    private final MeterRegistry meters;
    private final Clock clock;

    Dispatcher(
            Notifications notifications,
            List<PlatformSender> senders,
            AccountsProperties accounts,
            EventPublisher publisher,
            Auditor auditor,
            MeterRegistry meters,
            Clock clock) {
        this.notifications = notifications;
        this.senders = senders.stream().collect(Collectors.toMap(PlatformSender::platform, s -> s));
        this.accounts = accounts;
        this.publisher = publisher;
        this.auditor = auditor;
        this.meters = meters;
        this.clock = clock;
    }

    /**
     * Sends the intent if it is this caller's to send.
     *
     * @param route    the report's way back to the citizen (the acknowledgement's route)
     * @param template the template the text was composed from, for the audit trail and the event
     * @return true when the intent is settled (sent now or before, or undeliverable)
     */
    boolean dispatch(
            String intentId, Route route, String template, String text, String marker, AuditEvent.Actor actor) {
        Optional<SendIntent> claimed = notifications.claim(intentId);
        if (claimed.isEmpty()) {
            SendIntent current = notifications.find(intentId).orElse(null);
            State state = current == null ? null : current.state();
            if (state == State.SENDING) {
                // Another sender holds it: wait for its outcome (or its lease to run out), in order.
                throw new DependencyUnavailableException("intent is being sent by another sender", null);
            }
            if (state == State.SENT && !current.announced()) {
                // Sent, but its records are not out: either its sender is publishing them right now (it holds the
                // lease: wait, as for SENDING), or the broker failed in between and they are published here,
                // without sending the message again.
                SendIntent unannounced = notifications
                        .claimAnnouncement(intentId)
                        .orElseThrow(() -> new DependencyUnavailableException(
                                "intent is being announced by another sender", null));
                try {
                    sent(
                            new Sent(unannounced.reportId(), unannounced.kind(), route, template),
                            unannounced.platformMessageId(),
                            unannounced.reconciled(),
                            actor);
                } catch (RuntimeException e) {
                    notifications.releaseAnnouncement(intentId);
                    throw e;
                }
                notifications.markAnnounced(intentId);
            }
            return state != State.WAITING;
        }
        SendIntent intent = claimed.get();
        Sent sent = new Sent(intent.reportId(), intent.kind(), route, template);
        var account = accounts.byId(route.account()).orElse(null);
        PlatformSender sender = senders.get(route.platform());
        boolean operatorReply = intent.kind() == Kind.OPERATOR_REPLY;
        if (account == null || sender == null || (route.inPublic() && operatorReply)) {
            String reason = account == null
                    ? "account not configured for sending"
                    : sender == null
                            ? "no sender for platform"
                            : "operator replies are never posted publicly; answer the citizen privately or by phone";
            undeliverable(intentId, sent, reason);
            return true;
        }
        var to = new PlatformSender.Recipient(
                route.recipientId(),
                route.conversationId(),
                route.recipientHandle(),
                route.replyToMessageId(),
                route.lastMessageAt(),
                "dmdesk-" + intentId,
                operatorReply,
                route.platformRefs());
        try {
            boolean retry = intent.attempts() > 0;
            Optional<String> earlier = !retry
                    ? Optional.empty()
                    : route.inPublic()
                            ? sender.findPublicReply(account, to, marker)
                            : sender.findSent(account, to, marker);
            String platformMessageId = earlier.orElseGet(() ->
                    route.inPublic() ? sender.replyPublic(account, to, text) : sender.sendDirect(account, to, text));
            notifications.markSent(intentId, platformMessageId, earlier.isPresent());
            sent(sent, platformMessageId, earlier.isPresent(), actor);
            notifications.markAnnounced(intentId);
            return true;
        } catch (RecipientUnreachableException e) {
            undeliverable(intentId, sent, e.getMessage());
            return true;
        } catch (RuntimeException e) {
            notifications.unclaim(intentId);
            // Sent but not announced: the redelivered record may announce at once.
            notifications.releaseAnnouncement(intentId);
            meters.counter(
                            "dmdesk.notifier.failures",
                            "platform",
                            route.platform().code(),
                            "reason",
                            e instanceof DependencyUnavailableException ? "platform-unavailable" : "error")
                    .increment();
            throw e;
        }
    }

    /** What one dispatch is about: the report, the kind of message, its route and template. */
    private record Sent(String reportId, Kind kind, Route route, String template) {}

    private void sent(Sent s, String platformMessageId, boolean reconciled, AuditEvent.Actor actor) {
        String reportId = s.reportId();
        Route route = s.route();
        Platform platform = route.platform();
        String kind = s.kind().name();
        publisher.publish(
                BINDING,
                reportId,
                new AcknowledgementSent(
                        AcknowledgementSent.SCHEMA_VERSION,
                        reportId,
                        s.kind(),
                        platform,
                        route.account(),
                        route.conversationId(),
                        platformMessageId,
                        s.template(),
                        route.language(),
                        clock.instant()));
        Map<String, String> details = new HashMap<>(
                Map.of("kind", kind, "platformMessageId", platformMessageId, "language", route.language()));
        if (reconciled) {
            details.put("reconciled", "found already sent on the platform");
        }
        // A public answer is a disclosure to everyone who reads the thread: its own action, not an acknowledgement.
        Action action = s.kind() == Kind.OPERATOR_REPLY
                ? Action.OPERATOR_REPLY_SENT
                : route.inPublic() ? Action.PUBLIC_REPLY_SENT : Action.ACKNOWLEDGEMENT_SENT;
        if (actor.type() == AuditEvent.ActorType.PERSON) {
            auditor.record(new AuditEvent(
                    AuditEvent.SCHEMA_VERSION,
                    UUID.randomUUID().toString(),
                    clock.instant(),
                    actor,
                    action,
                    LogCategory.DISCLOSURE,
                    reportId,
                    reportId,
                    AuditEvent.Outcome.SUCCESS,
                    "citizen via " + platform.code(),
                    null,
                    details));
        } else {
            auditor.step(
                    action,
                    LogCategory.DISCLOSURE,
                    reportId,
                    reportId,
                    kind,
                    action == Action.PUBLIC_REPLY_SENT
                            ? "public on " + platform.code()
                            : "citizen via " + platform.code(),
                    details);
        }
        meters.counter("dmdesk.notifier.sent", "platform", platform.code(), "kind", kind)
                .increment();
        if (route.receivedAt() != null && s.kind() == Kind.ACKNOWLEDGEMENT) {
            // Intake to acknowledgement: the SLA the ops dashboards and alerts watch.
            meters.timer(
                            "dmdesk.notifier.ack.latency",
                            "platform",
                            platform.code(),
                            "urgency",
                            String.valueOf(route.urgency()))
                    .record(Duration.between(route.receivedAt(), clock.instant()));
        }
        log.info("{} sent{}", kind, reconciled ? " (found already on the platform)" : "");
    }

    private void undeliverable(String intentId, Sent s, String reason) {
        notifications.markUndeliverable(intentId, reason);
        auditor.failure(
                Action.ACKNOWLEDGEMENT_FAILED,
                LogCategory.DISCLOSURE,
                s.reportId(),
                s.reportId(),
                s.kind().name() + ": " + reason);
        meters.counter(
                        "dmdesk.notifier.failures",
                        "platform",
                        s.route().platform().code(),
                        "reason",
                        "cannot-reply-on-channel")
                .increment();
        log.warn("{} cannot be sent on this channel: {}", s.kind().name(), reason);
    }
}
