package io.dmdesk.audit.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import io.dmdesk.audit.integrity.AuditTrailProperties;
import io.dmdesk.audit.integrity.Checkpoints;
import io.dmdesk.audit.integrity.Head;
import io.dmdesk.audit.integrity.SigningKey;
import io.dmdesk.audit.integrity.TrailVerifier;
import io.dmdesk.contracts.AuditEvent;
import io.dmdesk.contracts.AuditEvent.Action;
import io.dmdesk.contracts.AuditEvent.Actor;
import io.dmdesk.contracts.AuditEvent.LogCategory;
import io.dmdesk.contracts.AuditEvent.Outcome;
import io.dmdesk.support.mongo.MongoStore;
import io.dmdesk.testsupport.ServiceArgs;
import io.dmdesk.testsupport.TestMongo;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * One chain per audit.events partition, on the real embedded store: many writers at once (two instances, each
 * chain written from both, as in a rebalance) leave every chain gap-free and verifiable, the checkpoint names the
 * head of every chain, and a writer stuck on one chain does not hold up the others.
 */
class ChainsPerPartitionTest {

    private static final int CHAINS = 4;
    private static final int EVENTS_PER_CHAIN = 40;

    private MongoClient client;
    private MongoStore mongo;
    private SigningKey key;
    private Checkpoints checkpoints;

    @BeforeEach
    void store() throws Exception {
        client = MongoClients.create(TestMongo.connectionString());
        mongo = new MongoStore(client.getDatabase(ServiceArgs.freshDatabase("audit-chains")), Duration.ofSeconds(10));
        AuditTrailProperties properties = new AuditTrailProperties(
                5, null, new AuditTrailProperties.Signing(null, null, Files.createTempDirectory("audit-keys")));
        key = SigningKey.load(properties.signing());
        checkpoints = new Checkpoints(mongo, key, properties, Clock.systemUTC());
    }

    @AfterEach
    void close() {
        client.close();
    }

    @Test
    void eightConcurrentWritersOverFourChainsKeepEveryChainValidAndTheCheckpointNamesEveryHead() throws Exception {
        List<AuditStore> instances = List.of(
                new AuditStore(mongo, Clock.systemUTC(), checkpoints),
                new AuditStore(mongo, Clock.systemUTC(), checkpoints));
        List<List<AuditEvent>> byChain = new ArrayList<>();
        for (int c = 0; c < CHAINS; c++) {
            List<AuditEvent> events = new ArrayList<>();
            for (int i = 0; i < EVENTS_PER_CHAIN; i++) {
                events.add(event("report-" + c + "-" + (i % 5))); // five reports per chain, interleaved
            }
            byChain.add(events);
        }
        AtomicInteger stored = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService writers = Executors.newFixedThreadPool(2 * CHAINS);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int w = 0; w < 2 * CHAINS; w++) {
                int chain = w % CHAINS;
                AuditStore instance = instances.get(w / CHAINS);
                boolean reversed = w >= CHAINS; // the second instance gets the chain's events in the other order
                done.add(writers.submit(() -> {
                    start.await();
                    List<AuditEvent> events = byChain.get(chain);
                    for (int i = 0; i < events.size(); i++) {
                        if (instance.append(events.get(reversed ? events.size() - 1 - i : i), chain)) {
                            stored.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            writers.shutdownNow();
        }

        TrailVerifier.Verification result = new TrailVerifier(mongo, key.publicKey()).verify();
        assertThat(stored).as("each event stored once").hasValue(CHAINS * EVENTS_PER_CHAIN);
        assertThat(result.ok()).as("%s", result.firstBreak()).isTrue();
        assertThat(result.entries()).isEqualTo(CHAINS * EVENTS_PER_CHAIN);
        assertThat(result.chains()).extracting(Head::chain).containsExactly(0, 1, 2, 3);
        assertThat(result.chains()).extracting(Head::seq).containsOnly((long) EVENTS_PER_CHAIN);
        List<String> named = checkpoints.all().stream()
                .flatMap(c -> ((List<?>) c.get("heads")).stream())
                .map(h -> ((Map<?, ?>) h).get("chain") + ":" + ((Map<?, ?>) h).get("seq"))
                .toList();
        for (int c = 0; c < CHAINS; c++) {
            for (int seq = 5; seq <= EVENTS_PER_CHAIN; seq += 5) {
                assertThat(named).as("every 5th entry of each chain is signed").contains(c + ":" + seq);
            }
        }

        checkpoints.signHead();
        Map<String, Object> newest = checkpoints.all().stream()
                .filter(c -> ((List<?>) c.get("heads")).size() == CHAINS)
                .reduce((a, b) -> b)
                .orElseThrow();
        List<Head> signed = ((List<?>) newest.get("heads"))
                .stream()
                        .map(h -> (Map<?, ?>) h)
                        .map(h -> new Head(
                                ((Number) h.get("chain")).intValue(), ((Number) h.get("seq")).longValue(), (String)
                                        h.get("hash")))
                        .toList();
        assertThat(signed).as("the checkpoint covers the head of every chain").isEqualTo(result.chains());
        assertThat(new TrailVerifier(mongo, key.publicKey()).verify().ok()).isTrue();
    }

    @Test
    void aWriterHeldUpOnOneChainDoesNotHoldUpTheOtherChains() throws Exception {
        AuditStore store = new AuditStore(mongo, Clock.systemUTC(), checkpoints);
        ExecutorService writers = Executors.newFixedThreadPool(2);
        ReentrantLock chainZero = store.lockFor(0);
        chainZero.lock(); // as if a write to chain 0 were stuck
        try {
            Future<Boolean> blocked = writers.submit(() -> store.append(event("report-a"), 0));
            Future<Boolean> other = writers.submit(() -> store.append(event("report-b"), 1));

            assertThat(other.get(10, TimeUnit.SECONDS)).as("chain 1 goes on").isTrue();
            assertThat(blocked.isDone())
                    .as("chain 0 waits for its own writer only")
                    .isFalse();
            chainZero.unlock();
            assertThat(blocked.get(10, TimeUnit.SECONDS)).isTrue();
        } finally {
            if (chainZero.isHeldByCurrentThread()) {
                chainZero.unlock();
            }
            writers.shutdownNow();
        }
        assertThat(new TrailVerifier(mongo, key.publicKey()).verify().chains())
                .extracting(Head::chain)
                .containsExactly(0, 1);
    }

    private static AuditEvent event(String report) {
        return new AuditEvent(
                AuditEvent.SCHEMA_VERSION,
                UUID.randomUUID().toString(),
                Instant.now(),
                Actor.service("triage-service"),
                Action.REPORT_TRIAGED,
                LogCategory.COLLECTION,
                "subject-" + UUID.randomUUID(),
                report,
                Outcome.SUCCESS,
                null,
                null,
                Map.of("rule", "r-1"));
    }
}
