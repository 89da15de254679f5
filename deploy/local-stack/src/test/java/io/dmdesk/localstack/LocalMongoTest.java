package io.dmdesk.localstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalMongoTest {

    @TempDir
    Path dataDir;

    @Test
    void documentSurvivesRestartOnSameDataDir() throws IOException {
        int port = freePort();
        try (LocalMongo mongo = LocalMongo.start(dataDir, "localhost", port, false);
                MongoClient client = MongoClients.create(mongo.connectionString())) {
            collection(client).insertOne(new Document("_id", "report-1").append("status", "OPEN"));
        }
        assertTrue(Files.size(dataDir.resolve(LocalMongo.FILE_NAME)) > 0, "H2 file written");

        try (LocalMongo mongo = LocalMongo.start(dataDir, "localhost", port, false);
                MongoClient client = MongoClients.create(mongo.connectionString())) {
            Document doc =
                    collection(client).find(new Document("_id", "report-1")).first();
            assertNotNull(doc, "document read back after restart");
            assertEquals("OPEN", doc.getString("status"));
        }
    }

    private static MongoCollection<Document> collection(MongoClient client) {
        return client.getDatabase("dmdesk").getCollection("reports");
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        }
    }
}
