package io.dmdesk.localstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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

    @Test
    void queriesByIdWithFurtherConditionsAnswerAsWithoutTheIndex() throws IOException {
        try (LocalMongo mongo = LocalMongo.start(dataDir, "localhost", freePort(), false);
                MongoClient client = MongoClients.create(mongo.connectionString())) {
            MongoCollection<Document> reports = collection(client);
            for (int i = 0; i < 50; i++) {
                reports.insertOne(new Document("_id", "r" + i).append("status", i % 2 == 0 ? "OPEN" : "CLOSED"));
            }
            assertEquals(
                    "r4",
                    reports.find(Filters.and(Filters.eq("_id", "r4"), Filters.eq("status", "OPEN")))
                            .first()
                            .getString("_id"));
            assertNull(reports.find(Filters.and(Filters.eq("_id", "r5"), Filters.eq("status", "OPEN")))
                    .first());
            assertEquals(
                    0,
                    reports.updateOne(
                                    Filters.and(Filters.eq("_id", "r5"), Filters.eq("status", "OPEN")),
                                    Updates.set("status", "CLOSED"))
                            .getModifiedCount(),
                    "a condition that fails changes nothing");
            assertEquals(
                    1,
                    reports.updateOne(
                                    Filters.and(Filters.eq("_id", "r6"), Filters.eq("status", "OPEN")),
                                    Updates.set("status", "CLOSED"))
                            .getModifiedCount());
            assertEquals(
                    List.of("r8"),
                    reports.find(Filters.and(Filters.in("_id", "r7", "r8", "r9"), Filters.eq("status", "OPEN")))
                            .map(d -> d.getString("_id"))
                            .into(new ArrayList<>()));
            assertEquals(
                    0,
                    reports.deleteOne(Filters.and(Filters.eq("_id", "r8"), Filters.eq("status", "CLOSED")))
                            .getDeletedCount());
            assertEquals(24, reports.countDocuments(Filters.eq("status", "OPEN")));
            assertEquals(1, reports.countDocuments(Filters.and(Filters.eq("_id", "r0"), Filters.eq("status", "OPEN"))));
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
