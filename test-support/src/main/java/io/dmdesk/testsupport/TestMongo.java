package io.dmdesk.testsupport;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;

/**
 * The one MongoDB-protocol store every test in a JVM shares: mongo-java-server with its H2 backend (the same
 * engine the local stack runs, in memory here), spoken to with the real MongoDB driver. Tests isolate
 * themselves with their own database names.
 */
public final class TestMongo {

    private static MongoServer server;
    private static String connectionString;

    public static synchronized String connectionString() {
        if (server == null) {
            server = new MongoServer(H2Backend.inMemory());
            connectionString = server.bindAndGetConnectionString();
            Runtime.getRuntime().addShutdownHook(new Thread(server::shutdownNow, "test-mongo-stop"));
        }
        return connectionString;
    }

    private TestMongo() {}
}
