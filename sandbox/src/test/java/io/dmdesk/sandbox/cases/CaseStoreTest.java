package io.dmdesk.sandbox.cases;

import static org.assertj.core.api.Assertions.assertThat;

import io.dmdesk.sandbox.state.MutableClock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

class CaseStoreTest {

    private final JsonMapper mapper = JsonMapper.builder().build();
    private final CaseStore store = new CaseStore(new MutableClock(Instant.parse("2026-11-24T22:30:00Z")), event -> {});

    @Test
    void concurrentRequestsWithOneKeyOpenExactlyOneRecord() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch start = new CountDownLatch(1);
        Set<String> references = ConcurrentHashMap.newKeySet();
        List<Callable<Boolean>> calls = IntStream.range(0, 32)
                .<Callable<Boolean>>mapToObj(i -> () -> {
                    start.await();
                    CaseStore.Stored<CaseRecord> stored = store.open("same-key", body("r" + i), body -> {});
                    references.add(stored.value().reference());
                    return stored.replayed();
                })
                .toList();
        try {
            var futures = calls.stream().map(pool::submit).toList();
            start.countDown();
            long created = 0;
            for (var future : futures) {
                created += future.get() ? 0 : 1;
            }
            assertThat(created).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }

        assertThat(references).containsExactly("CAS-2026-000001");
        assertThat(store.all()).hasSize(1);
    }

    @Test
    void recordsAndTheReferenceSequenceSurviveASnapshotRoundTrip() {
        store.open("k1", body("r1"), body -> {});
        store.addNote("CAS-2026-000001", "n1", () -> new CaseStore.NoteDraft("note", "bridge"));

        CaseStore restored = new CaseStore(new MutableClock(Instant.parse("2026-11-25T00:00:00Z")), event -> {});
        restored.restore(store.snapshot(mapper), mapper);
        CaseStore.Stored<CaseRecord> replay = restored.open("k1", body("other"), body -> {});
        CaseStore.Stored<CaseRecord> next = restored.open("k2", body("r2"), body -> {});

        assertThat(replay.replayed()).isTrue();
        assertThat(replay.value().body()).isEqualTo(body("r1"));
        assertThat(replay.value().notes()).extracting(CaseNote::text).containsExactly("note");
        assertThat(next.value().reference()).isEqualTo("CAS-2026-000002");
    }

    @Test
    void resetKeepsTheSequenceSoReferencesNeverRepeat() {
        store.open("k1", body("r1"), body -> {});
        store.clear();

        assertThat(store.all()).isEmpty();
        assertThat(store.open("k1", body("r1"), body -> {}).value().reference()).isEqualTo("CAS-2026-000002");
    }

    private ObjectNode body(String externalId) {
        return mapper.createObjectNode()
                .put("externalId", externalId)
                .put("category", "THEFT")
                .put("urgency", "ROUTINE")
                .put("narrative", "n");
    }
}
