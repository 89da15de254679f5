package io.dmdesk.sandbox.state;

import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Keeps the state parts in a JSON snapshot file when {@code sandbox.data-dir} is set, so a restart of the
 * local stack keeps earlier messages and case records. Writes are debounced (a burst of changes is one write)
 * and atomic (temp file, fsync, rename), so a crash leaves either the old or the new snapshot, never half.
 */
@Component
public class SnapshotStore {

    static final String FILE_NAME = "sandbox-state.json";
    private static final int FORMAT_VERSION = 1;
    private static final Logger log = LoggerFactory.getLogger(SnapshotStore.class);

    private final List<StatePart> parts;
    private final JsonMapper mapper;
    private final Path file;
    private final long debounceMillis;
    private final AtomicBoolean writeScheduled = new AtomicBoolean();
    private final AtomicBoolean dirty = new AtomicBoolean();
    private final ScheduledExecutorService writer;

    public SnapshotStore(List<StatePart> parts, JsonMapper mapper, SandboxProperties properties) {
        this.parts = List.copyOf(parts);
        this.mapper = mapper;
        this.file = properties.dataDir() == null ? null : properties.dataDir().resolve(FILE_NAME);
        this.debounceMillis = properties.persistDebounce().toMillis();
        load();
        this.writer = file == null
                ? null
                : Executors.newSingleThreadScheduledExecutor(runnable -> {
                    Thread thread = new Thread(runnable, "sandbox-snapshot-writer");
                    thread.setDaemon(true);
                    return thread;
                });
    }

    public boolean persistent() {
        return file != null;
    }

    @EventListener
    public void onStateChanged(StateChanged event) {
        if (file == null) {
            return;
        }
        dirty.set(true);
        if (writeScheduled.compareAndSet(false, true)) {
            writer.schedule(this::writeScheduled, debounceMillis, TimeUnit.MILLISECONDS);
        }
    }

    /** Clears every part; the snapshot follows so a restart after a reset starts empty too. */
    public void reset() {
        parts.forEach(StatePart::clear);
        onStateChanged(new StateChanged("all"));
    }

    /** Writes now if anything changed since the last write; used at shutdown and by tests. */
    public void flush() {
        if (file != null && dirty.get()) {
            write();
        }
    }

    @PreDestroy
    void close() {
        if (writer == null) {
            return;
        }
        writer.shutdown();
        try {
            writer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        flush();
    }

    private void writeScheduled() {
        // Cleared before taking the snapshot: a change racing with this write schedules the next one.
        writeScheduled.set(false);
        try {
            write();
        } catch (RuntimeException e) {
            log.error("Could not write sandbox snapshot {}", file, e);
        }
    }

    private synchronized void write() {
        dirty.set(false);
        ObjectNode root = mapper.createObjectNode();
        root.put("version", FORMAT_VERSION);
        ObjectNode partsNode = root.putObject("parts");
        for (StatePart part : parts) {
            partsNode.set(part.name(), part.snapshot(mapper));
        }
        byte[] bytes = mapper.writeValueAsBytes(root);
        Path temp = file.resolveSibling(FILE_NAME + ".tmp");
        try {
            Files.createDirectories(file.getParent());
            try (FileChannel channel = FileChannel.open(
                    temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            move(temp);
        } catch (IOException e) {
            dirty.set(true);
            throw new UncheckedIOException("Could not write sandbox snapshot " + file, e);
        }
    }

    private void move(Path temp) throws IOException {
        try {
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private void load() {
        if (file == null || !Files.exists(file)) {
            return;
        }
        JsonNode root;
        try {
            root = mapper.readTree(Files.readAllBytes(file));
        } catch (IOException | RuntimeException e) {
            // Failing start-up beats silently starting empty and overwriting the earlier state.
            throw new IllegalStateException("Sandbox snapshot " + file + " is unreadable; fix or delete it", e);
        }
        int version = root.path("version").asInt(-1);
        if (version != FORMAT_VERSION) {
            throw new IllegalStateException("Sandbox snapshot " + file + " has format version " + version
                    + ", expected " + FORMAT_VERSION + "; delete it to start empty");
        }
        for (StatePart part : parts) {
            JsonNode node = root.path("parts").path(part.name());
            if (!node.isMissingNode()) {
                part.restore(node, mapper);
            }
        }
        log.info("Loaded sandbox snapshot {}", file);
    }
}
