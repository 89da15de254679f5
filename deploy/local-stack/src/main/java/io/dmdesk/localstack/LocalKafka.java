package io.dmdesk.localstack;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A single-node Apache Kafka broker (KRaft combined mode: broker + controller, node.id=1) for the
 * local stack, run from the Maven Central jars.
 *
 * <p>First start: writes {@code server.properties} into the data dir, formats {@code <data-dir>/logs}
 * with Kafka's own {@link StorageTool} (a fresh cluster id) and starts. Later starts find
 * {@code meta.properties} and reuse the data (never reformat). SIGTERM shuts the broker down
 * cleanly and the process exits.
 *
 * <pre>
 * java -cp "local-stack.jar:lib/*" io.dmdesk.localstack.LocalKafka \
 *      --data-dir .local/kafka --port 9092 --controller-port 9093 [--host localhost] [--set key=value]...
 * </pre>
 * Environment fallbacks: KAFKA_DATA_DIR, KAFKA_PORT, KAFKA_CONTROLLER_PORT, KAFKA_HOST.
 */
public final class LocalKafka implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LocalKafka.class);

    private final KafkaRaftServer server;
    private final String bootstrapServers;
    private final AtomicBoolean closed = new AtomicBoolean();

    private LocalKafka(KafkaRaftServer server, String bootstrapServers) {
        this.server = server;
        this.bootstrapServers = bootstrapServers;
    }

    public static void main(String[] args) throws Exception {
        Args a = Args.parse(args, System.getenv());
        Path dataDir = Path.of(a.get("data-dir", "KAFKA_DATA_DIR", ".local/kafka"));
        String host = a.get("host", "KAFKA_HOST", "localhost");
        int port = a.getInt("port", "KAFKA_PORT", 9092);
        int controllerPort = a.getInt("controller-port", "KAFKA_CONTROLLER_PORT", 9093);

        long t0 = System.nanoTime();
        LocalKafka kafka;
        try {
            kafka = start(dataDir, host, port, controllerPort, a.overrides());
        } catch (Exception e) {
            log.error("LocalKafka failed to start", e);
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(kafka::close, "local-kafka-shutdown"));
        log.info(
                "LocalKafka ready on {} in {} ms (data: {})",
                kafka.bootstrapServers(),
                (System.nanoTime() - t0) / 1_000_000,
                dataDir.toAbsolutePath());
        kafka.server.awaitShutdown();
    }

    /** Formats the data dir if needed, then starts the broker; returns once the broker is serving. */
    public static LocalKafka start(
            Path dataDir, String host, int port, int controllerPort, Map<String, String> overrides) throws IOException {
        Path dir = dataDir.toAbsolutePath().normalize();
        Path logDir = dir.resolve("logs");
        Files.createDirectories(logDir);
        Properties props = serverProperties(logDir, host, port, controllerPort, overrides);
        Path propsFile = dir.resolve("server.properties");
        writeProperties(props, propsFile);

        if (Files.exists(logDir.resolve("meta.properties"))) {
            log.info("Reusing formatted Kafka log dir {}", logDir);
        } else {
            format(propsFile);
        }

        KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
        try {
            server.startup();
        } catch (RuntimeException e) {
            try {
                server.shutdown();
            } catch (RuntimeException ignored) {
                // already failing
            }
            throw e;
        }
        return new LocalKafka(server, host + ":" + port);
    }

    static Properties serverProperties(
            Path logDir, String host, int port, int controllerPort, Map<String, String> overrides) {
        Map<String, String> p = new TreeMap<>();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        p.put("controller.quorum.voters", "1@" + host + ":" + controllerPort);
        p.put("listeners", "PLAINTEXT://" + host + ":" + port + ",CONTROLLER://" + host + ":" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://" + host + ":" + port);
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("log.dirs", logDir.toString());
        // One node: everything replicated once.
        p.put("offsets.topic.replication.factor", "1");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("default.replication.factor", "1");
        p.put("min.insync.replicas", "1");
        p.put("num.partitions", "6");
        // Services create their topics with the admin client; auto-create is a safety net.
        p.put("auto.create.topics.enable", "true");
        p.put("group.initial.rebalance.delay.ms", "0");
        // Small machine: few threads, small buffers, smaller segments.
        p.put("num.network.threads", "2");
        p.put("num.io.threads", "2");
        p.put("background.threads", "2");
        p.put("num.recovery.threads.per.data.dir", "1");
        p.put("log.cleaner.threads", "1");
        p.put("log.cleaner.dedupe.buffer.size", String.valueOf(16 * 1024 * 1024));
        p.put("offsets.topic.num.partitions", "10");
        p.put("log.segment.bytes", String.valueOf(64 * 1024 * 1024));
        p.put("log.retention.hours", "168");
        p.putAll(overrides);
        Properties props = new Properties();
        props.putAll(p);
        return props;
    }

    private static void writeProperties(Properties props, Path file) throws IOException {
        StringBuilder sb = new StringBuilder("# Written by io.dmdesk.localstack.LocalKafka on every start.\n");
        new TreeMap<>(props)
                .forEach((k, v) -> sb.append(k).append('=').append(v).append('\n'));
        Files.writeString(file, sb.toString(), StandardCharsets.UTF_8);
    }

    /** Runs Kafka's storage tool: {@code kafka-storage.sh format -t <id> -c <props>}. */
    private static void format(Path propsFile) {
        String clusterId = Uuid.randomUuid().toString();
        log.info("Formatting Kafka log dir (cluster id {}) with {}", clusterId, propsFile);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int rc;
        try (PrintStream ps = new PrintStream(out, true, StandardCharsets.UTF_8)) {
            rc = StorageTool.execute(new String[] {"format", "-t", clusterId, "-c", propsFile.toString()}, ps);
        }
        String output = out.toString(StandardCharsets.UTF_8).trim();
        if (rc != 0) {
            throw new IllegalStateException("kafka storage format failed (rc=" + rc + "): " + output);
        }
        log.info("Storage tool: {}", output.replace('\n', ' '));
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            log.info("LocalKafka shutting down");
            server.shutdown();
            server.awaitShutdown();
            log.info("LocalKafka stopped");
        }
    }
}
