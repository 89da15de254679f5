package io.dmdesk.support.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import com.mongodb.reactivestreams.client.MongoDatabase;
import io.dmdesk.contracts.Category;
import io.dmdesk.contracts.EventJson;
import io.dmdesk.contracts.InboundMessage;
import io.dmdesk.contracts.TriagedReport;
import io.dmdesk.contracts.Urgency;
import io.dmdesk.testsupport.Events;
import io.dmdesk.testsupport.TestMongo;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The key store and the event sealer against the embedded store: create, cache, erase, rotate. */
class DataKeyStoreTest {

    private final MongoClient client = MongoClients.create(TestMongo.connectionString());
    private final MongoDatabase db =
            client.getDatabase("keys-" + UUID.randomUUID().toString().substring(0, 8));
    private final String k1 = MasterKeys.generateEntry("k1");

    @AfterEach
    void close() {
        client.close();
    }

    private DataKeyStore store(String masterKeys, String current) {
        return new DataKeyStore(
                db,
                MasterKeys.parse(masterKeys, current),
                Duration.ofSeconds(10),
                Clock.systemUTC(),
                Duration.ofMinutes(1),
                100);
    }

    @Test
    void eventsSealAndOpenAcrossInstancesAndOnlyPersonalFieldsAreSealed() {
        InboundMessage dm = Events.inbound("citizen_handle", "42", "my car was broken into on Elm Street");
        TriagedReport report = Events.triaged(dm, Urgency.ROUTINE, Category.THEFT);
        EventSealer writer = new EventSealer(store(k1, null));
        EventSealer reader = new EventSealer(store(k1, null));
        byte[] sealedDm = writer.seal(dm);
        byte[] sealedReport = writer.seal(report);
        String clear = new String(sealedDm, StandardCharsets.UTF_8) + new String(sealedReport, StandardCharsets.UTF_8);
        assertFalse(clear.contains("Elm Street")
                || clear.contains("citizen_handle")
                || clear.contains(dm.conversationId()));
        assertTrue(clear.contains(dm.messageId()) && clear.contains(report.reportId()) && clear.contains("THEFT"));
        assertEquals(dm, reader.open(sealedDm, InboundMessage.class));
        assertEquals(report, reader.open(sealedReport, TriagedReport.class));
        // Older, unsealed records read as before.
        assertEquals(dm, reader.open(EventJson.toBytes(dm), InboundMessage.class));
    }

    @Test
    void erasedKeyLeavesATombstoneAndNoInstanceOpensTheRecordAgain() {
        DataKeyStore keys = store(k1, null);
        InboundMessage dm = Events.inbound("my bike was stolen");
        byte[] sealed = new EventSealer(keys).seal(dm);
        String keyId = DataKeyIds.ofMessage(dm.messageId());
        assertEquals(1, keys.erase(List.of(keyId), "r-1", "request"));
        assertEquals(0, keys.erase(List.of(keyId), "r-1", "request"), "erasing twice erases once");
        DataKey tombstone = store(k1, null).find(keyId).orElseThrow();
        assertTrue(tombstone.erased());
        assertNull(tombstone.wrapped());
        assertNull(tombstone.masterKeyId());
        RecordKeyErasedException e = assertThrows(
                RecordKeyErasedException.class,
                () -> new EventSealer(store(k1, null)).open(sealed, InboundMessage.class));
        assertEquals("r-1", e.reportId());
        assertEquals(dm.messageId(), e.subjectId());
        assertThrows(RecordKeyErasedException.class, () -> new EventSealer(keys).open(sealed, InboundMessage.class));
        // Nothing new is sealed under an erased key either.
        assertThrows(RecordKeyErasedException.class, () -> store(k1, null).getOrCreate(keyId));
        assertTrue(new EventSealer(store(k1, null)).erasureOf(sealed).isPresent());
    }

    @Test
    void unknownKeyIsAFaultNotAnErasure() {
        byte[] sealed = new EventSealer(store(k1, null)).seal(Events.inbound("hello"));
        MongoDatabase other =
                client.getDatabase("keys-other-" + UUID.randomUUID().toString().substring(0, 8));
        EventSealer elsewhere = new EventSealer(new DataKeyStore(
                other,
                MasterKeys.parse(k1, null),
                Duration.ofSeconds(10),
                Clock.systemUTC(),
                Duration.ofMinutes(1),
                100));
        assertThrows(UnknownDataKeyException.class, () -> elsewhere.open(sealed, InboundMessage.class));
        assertTrue(elsewhere.erasureOf(sealed).isEmpty());
    }

    @Test
    void rotationRewrapsOldKeysSoTheOldMasterKeyCanBeRetired() {
        InboundMessage dm = Events.inbound("my phone was stolen");
        byte[] sealed = new EventSealer(store(k1, null)).seal(dm);
        String k2 = MasterKeys.generateEntry("k2");
        DataKeyStore rotated = store(k2 + "," + k1, "k2");
        assertEquals(dm, new EventSealer(rotated).open(sealed, InboundMessage.class));
        assertTrue(rotated.rewrap(1000) >= 1);
        assertEquals(
                "k2",
                rotated.find(DataKeyIds.ofMessage(dm.messageId())).orElseThrow().masterKeyId());
        assertEquals(dm, new EventSealer(store(k2, null)).open(sealed, InboundMessage.class));
    }
}
