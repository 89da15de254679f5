package io.dmdesk.notifier.ack;

import io.dmdesk.contracts.AcknowledgementSent;
import io.dmdesk.contracts.AuditEvent;
import io.dmdesk.contracts.AuditEvent.Action;
import io.dmdesk.contracts.AuditEvent.LogCategory;
import io.dmdesk.contracts.Platform;
import io.dmdesk.notifier.send.PlatformSender;
import io.dmdesk.notifier.send.RecipientUnreachableException;
import io.dmdesk.support.accounts.AccountsProperties;
import io.dmdesk.support.audit.Auditor;
import io.dmdesk.support.kafka.DependencyUnavailableException;
import io.dmdesk.support.kafka.EventPublisher;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.bson.Document;
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

    Dispatcher(Notifications notifications, List<PlatformSender> senders, AccountsProperties accounts,
               EventPublisher publisher, Auditor auditor, MeterRegistry meters, Clock clock) {
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
     * @param channel the acknowledgement intent, which holds platform, account, recipient and language
     * @return true when the intent is settled (sent now or before, or undeliverable)
     */
    boolean dispatch(String intentId, Document channel, String text, String marker, AuditEvent.Actor actor) {
        Optional<Document> claimed = notifications.claim(intentId);
        if (claimed.isEmpty()) {
            String state = notifications.find(intentId).map(d -> d.getString("state")).orElse("missing");
            if (Notifications.SENDING.equals(state)) {
                // Another sender holds it: wait for its outcome (or its lease to run out), in order.
                throw new DependencyUnavailableException("intent is being sent by another sender", null);
            }
            return !Notifications.WAITING.equals(state);
        }
        Platform platform = Platform.fromCode(channel.getString("platform"));
        var account = accounts.byId(channel.getString("account")).orElse(null);
        PlatformSender sender = senders.get(platform);
        String kind = claimed.get().getString("kind");
        boolean inPublic = "PUBLIC".equals(channel.getString("channel"));
        if (account == null || sender == null || (inPublic && "OPERATOR_REPLY".equals(kind))) {
            String reason = account == null ? "account not configured for sending"
                    : sender == null ? "no sender for platform"
                    : "operator replies are never posted publicly; answer the citizen privately or by phone";
            undeliverable(intentId, channel, kind, reason);
            return true;
        }
        Map<String, String> refs = new HashMap<>();
        if (channel.get("platformRefs") instanceof Document d) {
            d.forEach((k, v) -> refs.put(k, String.valueOf(v)));
        }
        var to = new PlatformSender.Recipient(channel.getString("recipientId"), channel.getString("conversationId"),
                channel.getString("recipientHandle"), channel.getString("replyToMessageId"),
                channel.get("lastMessageAt") instanceof java.util.Date at ? at.toInstant() : null,
                "dmdesk-" + intentId, "OPERATOR_REPLY".equals(kind), refs);
        try {
            boolean retry = claimed.get().getInteger("attempts", 0) > 0;
            Optional<String> earlier = !retry ? Optional.empty()
                    : inPublic ? sender.findPublicReply(account, to, marker) : sender.findSent(account, to, marker);
            String platformMessageId = earlier.orElseGet(() -> inPublic ? sender.replyPublic(account, to, text)
                    : sender.sendDirect(account, to, text));
            notifications.markSent(intentId, platformMessageId, earlier.isPresent());
            sent(channel, kind, platformMessageId, earlier.isPresent(), actor);
            return true;
        } catch (RecipientUnreachableException e) {
            undeliverable(intentId, channel, kind, e.getMessage());
            return true;
        } catch (RuntimeException e) {
            notifications.unclaim(intentId);
            meters.counter("dmdesk.notifier.failures", "platform", platform.code(), "reason",
                    e instanceof DependencyUnavailableException ? "platform-unavailable" : "error").increment();
            throw e;
        }
    }

    private void sent(Document channel, String kind, String platformMessageId, boolean reconciled,
                      AuditEvent.Actor actor) {
        String reportId = channel.getString("reportId");
        Platform platform = Platform.fromCode(channel.getString("platform"));
        publisher.publish(BINDING, reportId, new AcknowledgementSent(AcknowledgementSent.SCHEMA_VERSION, reportId,
                AcknowledgementSent.Kind.valueOf(kind), platform, channel.getString("account"),
                channel.getString("conversationId"), platformMessageId, channel.getString("template"),
                channel.getString("language"), clock.instant()));
        Map<String, String> details = new HashMap<>(Map.of("kind", kind, "platformMessageId", platformMessageId,
                "language", channel.getString("language")));
        if (reconciled) {
            details.put("reconciled", "found already sent on the platform");
        }
        // A public answer is a disclosure to everyone who reads the thread: its own action, not an acknowledgement.
        Action action = "OPERATOR_REPLY".equals(kind) ? Action.OPERATOR_REPLY_SENT
                : "PUBLIC".equals(channel.getString("channel")) ? Action.PUBLIC_REPLY_SENT : Action.ACKNOWLEDGEMENT_SENT;
        if (actor.type() == AuditEvent.ActorType.PERSON) {
            auditor.record(new AuditEvent(AuditEvent.SCHEMA_VERSION, java.util.UUID.randomUUID().toString(),
                    clock.instant(), actor, action, LogCategory.DISCLOSURE, reportId, reportId,
                    AuditEvent.Outcome.SUCCESS, "citizen via " + platform.code(), null, details));
        } else {
            auditor.step(action, LogCategory.DISCLOSURE, reportId, reportId, kind, action == Action.PUBLIC_REPLY_SENT
                    ? "public on " + platform.code() : "citizen via " + platform.code(), details);
        }
        meters.counter("dmdesk.notifier.sent", "platform", platform.code(), "kind", kind).increment();
        if (channel.get("receivedAt") instanceof java.util.Date received && "ACKNOWLEDGEMENT".equals(kind)) {
            // Intake to acknowledgement: the SLA the ops dashboards and alerts watch.
            meters.timer("dmdesk.notifier.ack.latency", "platform", platform.code(),
                    "urgency", channel.getString("urgency")).record(
                    java.time.Duration.between(received.toInstant(), clock.instant()));
        }
        log.info("{} sent{}", kind, reconciled ? " (found already on the platform)" : "");
    }

    private void undeliverable(String intentId, Document channel, String kind, String reason) {
        notifications.markUndeliverable(intentId, reason);
        String reportId = channel.getString("reportId");
        auditor.failure(Action.ACKNOWLEDGEMENT_FAILED, LogCategory.DISCLOSURE, reportId, reportId, kind + ": " + reason);
        meters.counter("dmdesk.notifier.failures", "platform", channel.getString("platform"),
                "reason", "cannot-reply-on-channel").increment();
        log.warn("{} cannot be sent on this channel: {}", kind, reason);
    }
}
