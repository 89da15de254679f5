package io.dmdesk.audit.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import io.dmdesk.audit.integrity.AuditTrailProperties;
import io.dmdesk.audit.integrity.Checkpoints;
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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Two service instances (each with its own in-process locks) appending to one chain of one store at once, with the
 * same events delivered to both, as when a partition moves between consumers in a rebalance: the unique
 * (chain, seq) alone must keep the chain gap-free.
 */
class ConcurrentInstancesTest {

    @Test
    void twoInstancesAppendingToOneChainAtOnceKeepItValidAndStoreEachEventOnce() throws Exception {
        try (MongoClient client = MongoClients.create(TestMongo.connectionString())) {
            MongoStore mongo =
                    new MongoStore(client.getDatabase(ServiceArgs.freshDatabase("audit-race")), Duration.ofSeconds(10));
            AuditTrailProperties properties = new AuditTrailProperties(
                    7, null, new AuditTrailProperties.Signing(null, null, Files.createTempDirectory("audit-keys")));
            SigningKey key = SigningKey.load(properties.signing());
            Checkpoints checkpoints = new Checkpoints(mongo, key, properties, Clock.systemUTC());
            List<AuditStore> instances = List.of(
                    new AuditStore(mongo, Clock.systemUTC(), checkpoints),
                    new AuditStore(mongo, Clock.systemUTC(), checkpoints));

            List<AuditEvent> events = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                events.add(new AuditEvent(
                        AuditEvent.SCHEMA_VERSION,
                        UUID.randomUUID().toString(),
                        Instant.now(),
                        Actor.service("triage-service"),
                        Action.REPORT_TRIAGED,
                        LogCategory.COLLECTION,
                        "subject-" + i,
                        "report-" + (i % 6),
                        Outcome.SUCCESS,
                        null,
                        null,
                        Map.of()));
            }
            AtomicInteger stored = new AtomicInteger();
            ExecutorService threads = Executors.newFixedThreadPool(4);
            try {
                List<Future<?>> done = new ArrayList<>();
                for (int t = 0; t < 4; t++) {
                    AuditStore instance = instances.get(t % 2);
                    int offset = t / 2; // threads 0,1 and 2,3 deliver the same events, in different orders
                    done.add(threads.submit(() -> {
                        for (int i = 0; i < events.size(); i++) {
                            if (instance.append(events.get((i + offset * 30) % events.size()), 5)) {
                                stored.incrementAndGet();
                            }
                        }
                    }));
                }
                for (Future<?> f : done) {
                    f.get();
                }
            } finally {
                threads.shutdown();
            }

            TrailVerifier.Verification result = new TrailVerifier(mongo, key.publicKey()).verify();
            assertThat(stored).hasValue(events.size());
            assertThat(result.ok()).as("%s", result.firstBreak()).isTrue();
            assertThat(result.entries()).isEqualTo(events.size());
            assertThat(result.chains()).hasSize(1).allSatisfy(head -> {
                assertThat(head.chain()).isEqualTo(5);
                assertThat(head.seq()).isEqualTo(events.size());
            });
            assertThat(result.checkpoints()).isEqualTo(events.size() / 7);
        }
    }
}
