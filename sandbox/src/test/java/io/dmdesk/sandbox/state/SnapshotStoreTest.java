package io.dmdesk.sandbox.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class SnapshotStoreTest {

    private final JsonMapper mapper = JsonMapper.builder().build();

    @TempDir
    Path dataDir;

    @Test
    void stateWrittenToTheDataDirIsReadBackByAFreshInstance() {
        ListPart part = new ListPart();
        SnapshotStore store = store(part);
        part.items.add("first");
        part.items.add("second");
        store.onStateChanged(new StateChanged(part.name()));
        store.flush();

        ListPart reloaded = new ListPart();
        store(reloaded);

        assertThat(reloaded.items).containsExactly("first", "second");
    }

    @Test
    void aChangeIsWrittenWithinTheDebounceWithoutAnExplicitFlush() throws Exception {
        ListPart part = new ListPart();
        SnapshotStore store = store(part);
        part.items.add("only");
        store.onStateChanged(new StateChanged(part.name()));

        Path file = dataDir.resolve(SnapshotStore.FILE_NAME);
        await().atMost(Duration.ofSeconds(5))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> Files.exists(file));
        assertThat(mapper.readTree(Files.readString(file)).at("/parts/list/0").asString())
                .isEqualTo("only");
        assertThat(dataDir.resolve(SnapshotStore.FILE_NAME + ".tmp")).doesNotExist();
    }

    @Test
    void resetIsPersistedSoARestartStartsEmpty() {
        ListPart part = new ListPart();
        SnapshotStore store = store(part);
        part.items.add("gone soon");
        store.onStateChanged(new StateChanged(part.name()));
        store.flush();

        store.reset();
        store.flush();

        ListPart reloaded = new ListPart();
        store(reloaded);
        assertThat(reloaded.items).isEmpty();
    }

    @Test
    void anUnreadableSnapshotStopsStartUpInsteadOfBeingOverwritten() throws Exception {
        Files.writeString(dataDir.resolve(SnapshotStore.FILE_NAME), "{ half a file");

        assertThatThrownBy(() -> store(new ListPart()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("unreadable");
        assertThat(Files.readString(dataDir.resolve(SnapshotStore.FILE_NAME))).isEqualTo("{ half a file");
    }

    @Test
    void withoutADataDirNothingIsWritten() {
        SnapshotStore store =
                new SnapshotStore(List.of(new ListPart()), mapper, new SandboxProperties(null, Duration.ofMillis(10)));
        store.onStateChanged(new StateChanged("list"));
        store.flush();

        assertThat(store.persistent()).isFalse();
    }

    private final List<SnapshotStore> opened = new ArrayList<>();

    /** Stops the writer threads before the temp dir goes, so no scheduled write lands in a deleted directory. */
    @AfterEach
    void closeStores() {
        opened.forEach(SnapshotStore::close);
    }

    private SnapshotStore store(StatePart part) {
        SnapshotStore store =
                new SnapshotStore(List.of(part), mapper, new SandboxProperties(dataDir, Duration.ofMillis(10)));
        opened.add(store);
        return store;
    }

    /** The smallest state part: a list of strings. */
    private static final class ListPart implements StatePart {

        final List<String> items = new ArrayList<>();

        @Override
        public String name() {
            return "list";
        }

        @Override
        public synchronized JsonNode snapshot(JsonMapper mapper) {
            return mapper.valueToTree(items);
        }

        @Override
        public synchronized void restore(JsonNode snapshot, JsonMapper mapper) {
            snapshot.forEach(item -> items.add(item.asString()));
        }

        @Override
        public synchronized void clear() {
            items.clear();
        }
    }
}
