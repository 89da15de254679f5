package io.dmdesk.localstack;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.h2.IdLookupH2Backend;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local stack's MongoDB-protocol store: de.bwaldvogel mongo-java-server with its H2 (MVStore)
 * backend in a file, so data survives restarts. Not a real MongoDB: no transactions, non-unique
 * secondary indexes are ignored; point MONGODB_URI at a real replica set for anything serious.
 *
 * <pre>
 * java -cp "local-stack.jar:lib/*" io.dmdesk.localstack.LocalMongo \
 *      --data-dir .local/mongo --port 27017 [--host localhost] [--oplog true]
 * </pre>
 * Environment fallbacks: MONGO_DATA_DIR, MONGO_PORT, MONGO_HOST, MONGO_OPLOG.
 * On SIGTERM the server stops listening and the H2 store is closed (flushed).
 */
public final class LocalMongo implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LocalMongo.class);
    public static final String FILE_NAME = "dmdesk.mv.db";

    private final MongoServer server;
    private final H2Backend backend;
    private final InetSocketAddress address;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final CountDownLatch stopped = new CountDownLatch(1);

    private LocalMongo(MongoServer server, H2Backend backend, InetSocketAddress address) {
        this.server = server;
        this.backend = backend;
        this.address = address;
    }

    public static void main(String[] args) throws Exception {
        Args a = Args.parse(args, System.getenv());
        Path dataDir = Path.of(a.get("data-dir", "MONGO_DATA_DIR", ".local/mongo"));
        String host = a.get("host", "MONGO_HOST", "localhost");
        int port = a.getInt("port", "MONGO_PORT", 27017);
        boolean oplog = Boolean.parseBoolean(a.get("oplog", "MONGO_OPLOG", "false"));

        long t0 = System.nanoTime();
        LocalMongo mongo;
        try {
            mongo = start(dataDir, host, port, oplog);
        } catch (Exception e) {
            log.error("LocalMongo failed to start", e);
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(mongo::close, "local-mongo-shutdown"));
        log.info(
                "LocalMongo ready on mongodb://{}:{} in {} ms (file: {})",
                host,
                mongo.port(),
                (System.nanoTime() - t0) / 1_000_000,
                dataDir.resolve(FILE_NAME).toAbsolutePath());
        mongo.stopped.await();
    }

    public static LocalMongo start(Path dataDir, String host, int port, boolean oplog) throws IOException {
        Path dir = dataDir.toAbsolutePath().normalize();
        Files.createDirectories(dir);
        H2Backend backend = new IdLookupH2Backend(dir.resolve(FILE_NAME).toString());
        MongoServer server = new MongoServer(backend);
        if (oplog) {
            server.enableOplog();
        }
        try {
            server.bind(host, port);
        } catch (RuntimeException e) {
            server.shutdownNow();
            backend.close();
            throw e;
        }
        return new LocalMongo(server, backend, server.getLocalAddress());
    }

    public int port() {
        return address.getPort();
    }

    public String connectionString() {
        return "mongodb://" + address.getHostString() + ":" + address.getPort();
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            log.info("LocalMongo shutting down");
            try {
                server.shutdown(); // stops listening, closes connections, closes the backend
            } finally {
                backend.close(); // idempotent; makes sure the MVStore is flushed and closed
                stopped.countDown();
                log.info("LocalMongo stopped");
            }
        }
    }
}
