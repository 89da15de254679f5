package io.dmdesk.intake.publish;

import io.dmdesk.contracts.AuditEvent.Action;
import io.dmdesk.contracts.AuditEvent.LogCategory;
import io.dmdesk.contracts.InboundMessage;
import io.dmdesk.contracts.MessageKind;
import io.dmdesk.intake.seen.SeenMessages;
import io.dmdesk.support.audit.Auditor;
import io.dmdesk.support.crypto.ErasedRecords;
import io.dmdesk.support.crypto.WireKeys;
import io.dmdesk.support.kafka.EventPublisher;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import jakarta.annotation.PreDestroy;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.stereotype.Component;

/**
 * Hands normalised messages to the pipeline, a page at a time: one query for which of them were published
 * before, the new ones published (each acknowledged by the broker), then audited, then remembered as published
 * in one insert. Pull connectors save their cursor once per page, after {@link #acceptAll} returned; webhook
 * handlers answer 200 only after it returned. Used by pulls and webhooks alike, so a message that arrives both
 * ways is published once.
 *
 * <p>Records of one conversation are published one after the other, in page order (the topic is keyed by
 * conversation, and triage relies on an edit following its message); different conversations are published in
 * parallel, so the producer batches them into few broker round trips.
 */
@Component
public class InboundPublisher {

    public static final String BINDING = "inbound-out";
    static final int PUBLISH_THREADS = 16;
    private static final Logger log = LoggerFactory.getLogger(InboundPublisher.class);

    private final EventPublisher publisher;
    private final Auditor auditor;
    private final SeenMessages seen;
    /** Told of every message offered (the connector health keeps the newest platform time per account). */
    private final List<HandOffListener> listeners;

    private final MeterRegistry meters;
    /** Seen keys being published right now, with a latch a second publisher of the same key waits on. */
    private final Map<String, CountDownLatch> inFlight = new ConcurrentHashMap<>();

    private final ExecutorService publishers;
    private final ObservationRegistry observations;

    private final WireKeys wireKeys;

    InboundPublisher(
            EventPublisher publisher,
            Auditor auditor,
            SeenMessages seen,
            List<HandOffListener> listeners,
            MeterRegistry meters,
            ObservationRegistry observations,
            WireKeys wireKeys) {
        this.publisher = publisher;
        this.wireKeys = wireKeys;
        this.observations = observations;
        this.auditor = auditor;
        this.seen = seen;
        this.listeners = List.copyOf(listeners);
        this.meters = meters;
        AtomicInteger n = new AtomicInteger();
        this.publishers = Executors.newFixedThreadPool(PUBLISH_THREADS, r -> {
            Thread t = new Thread(r, "intake-publish-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    @PreDestroy
    void stop() {
        publishers.shutdown();
    }

    /** @return false when the message was published before (by a webhook, a pull, or before a restart) */
    public boolean accept(InboundMessage message) {
        return acceptAll(List.of(message)) == 1;
    }

    /**
     * Publishes those of these messages not published before. Returns only when each new one was acknowledged
     * by Kafka, audited and remembered; throws otherwise (the caller then keeps its cursor, so the page comes
     * again; what was acknowledged is remembered, so at most the failed records repeat).
     *
     * @return how many were new
     */
    public int acceptAll(List<InboundMessage> messages) {
        if (messages.isEmpty()) {
            return 0;
        }
        Map<String, InboundMessage> byKey = new LinkedHashMap<>();
        for (InboundMessage m : messages) {
            listeners.forEach(l -> l.offered(m));
            String unusable = unusable(m);
            if (unusable != null) {
                // Without its own id every such message would collapse into one (same messageId), and without a
                // conversation every citizen's messages into one conversation: neither can be handed on. Counted
                // and logged without content; the rest of the page or delivery goes on (found by WebhookFuzzTest).
                meters.counter(
                                "dmdesk.intake.messages.unusable",
                                "platform",
                                m.platform().code(),
                                "account",
                                m.account().id(),
                                "reason",
                                unusable)
                        .increment();
                log.warn(
                        "Skipped a {} message on account {}: {}",
                        m.platform().code(),
                        m.account().id(),
                        unusable);
                continue;
            }
            if (byKey.putIfAbsent(SeenMessages.key(m), m) != null) {
                duplicate(m);
            }
        }
        // A webhook and the reconciling pull often carry the same message at the same moment: one publisher per
        // key in this JVM, so the second sees the first's "seen" entry. Across replicas the downstream dedupe holds.
        List<String> keys = claim(byKey.keySet());
        try {
            Set<String> before = seen.published(keys);
            List<InboundMessage> fresh = new ArrayList<>();
            byKey.forEach((key, m) -> {
                if (before.contains(key)) {
                    duplicate(m);
                } else {
                    fresh.add(m);
                }
            });
            return publishNew(fresh);
        } finally {
            release(keys);
        }
    }

    /** @return why this message cannot be handed on, or null when it can */
    static String unusable(InboundMessage m) {
        if (m.nativeMessageId() == null || m.nativeMessageId().isBlank()) {
            return "no_native_id";
        }
        if (m.conversationId() == null || m.conversationId().isBlank()) {
            return "no_conversation_id";
        }
        return null;
    }

    private int publishNew(List<InboundMessage> fresh) {
        if (fresh.isEmpty()) {
            return 0;
        }
        Map<String, List<InboundMessage>> byConversation = new LinkedHashMap<>();
        fresh.forEach(m -> byConversation
                .computeIfAbsent(m.conversationKey(), k -> new ArrayList<>())
                .add(m));
        List<InboundMessage> audited = Collections.synchronizedList(new ArrayList<>());
        List<InboundMessage> refused = Collections.synchronizedList(new ArrayList<>());
        // One observation per message around its publish and its audit record: the report's trace starts here and
        // the audit record of its collection belongs to it (the Kafka producer observations are its children).
        RuntimeException publishFailure = inParallel(new ArrayList<>(byConversation.values()), conversation -> {
            for (InboundMessage m : conversation) {
                withMessageId(
                        m,
                        () -> Observation.createNotStarted("dmdesk.intake.accept", observations)
                                .lowCardinalityKeyValue("platform", m.platform().code())
                                .observe(() -> {
                                    try {
                                        // The record key names no conversation once sealing is on; the sealed record
                                        // has it.
                                        publisher.publish(BINDING, wireKeys.conversation(m.conversationKey()), m);
                                    } catch (RuntimeException e) {
                                        if (ErasedRecords.in(e) == null) {
                                            throw e;
                                        }
                                        // A message of an erased report, delivered again: its key is gone, so it is not
                                        // published again; remembered as seen so the next pull does not bring it back.
                                        log.info("message of an erased report not published again");
                                        refused.add(m);
                                        return;
                                    }
                                    audit(m);
                                    audited.add(m);
                                }));
            }
        });
        seen.rememberAll(List.copyOf(audited));
        if (!refused.isEmpty()) {
            seen.rememberAll(List.copyOf(refused));
        }
        for (InboundMessage m : audited) {
            meters.counter(
                            "dmdesk.intake.messages",
                            "platform",
                            m.platform().code(),
                            "account",
                            m.account().id(),
                            "channel",
                            m.channel().name())
                    .increment();
        }
        log.info("{} messages published", audited.size());
        if (publishFailure != null) {
            throw publishFailure;
        }
        return audited.size();
    }

    private void audit(InboundMessage message) {
        auditor.step(
                Action.MESSAGE_RECEIVED,
                LogCategory.COLLECTION,
                message.messageId(),
                null,
                message.kind() == MessageKind.NEW ? null : message.kind().name(),
                null,
                Map.of(
                        "platform",
                        message.platform().code(),
                        "account",
                        message.account().id(),
                        "channel",
                        message.channel().name(),
                        "kind",
                        message.kind().name()));
    }

    /** Runs the task on each group, one group in the caller's thread; @return the first failure, after all ended */
    private <T> RuntimeException inParallel(List<T> groups, Consumer<T> task) {
        if (groups.size() == 1) {
            try {
                task.accept(groups.get(0));
                return null;
            } catch (RuntimeException e) {
                return e;
            }
        }
        List<CompletableFuture<Void>> running = groups.stream()
                .map(g -> CompletableFuture.runAsync(() -> task.accept(g), publishers))
                .toList();
        RuntimeException first = null;
        for (CompletableFuture<Void> f : running) {
            try {
                f.join();
            } catch (CompletionException e) {
                if (first == null) {
                    first = e.getCause() instanceof RuntimeException r ? r : e;
                }
            }
        }
        return first;
    }

    private static void withMessageId(InboundMessage m, Runnable step) {
        MDC.put("messageId", m.messageId());
        try {
            step.run();
        } finally {
            MDC.remove("messageId");
        }
    }

    private void duplicate(InboundMessage m) {
        meters.counter(
                        "dmdesk.intake.duplicates",
                        "platform",
                        m.platform().code(),
                        "account",
                        m.account().id())
                .increment();
    }

    /** Claims the keys in sorted order (two pages sharing keys never wait on each other in a cycle). */
    private List<String> claim(Set<String> keys) {
        List<String> sorted = keys.stream().sorted().toList();
        List<String> claimed = new ArrayList<>(sorted.size());
        try {
            for (String key : sorted) {
                CountDownLatch mine = new CountDownLatch(1);
                CountDownLatch other;
                while ((other = inFlight.putIfAbsent(key, mine)) != null) {
                    other.await();
                }
                claimed.add(key);
            }
            return claimed;
        } catch (InterruptedException e) {
            release(claimed);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while another publish of the same message was running", e);
        }
    }

    private void release(List<String> keys) {
        for (String key : keys) {
            CountDownLatch latch = inFlight.remove(key);
            if (latch != null) {
                latch.countDown();
            }
        }
    }
}
