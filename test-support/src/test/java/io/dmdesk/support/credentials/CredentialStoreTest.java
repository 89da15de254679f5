package io.dmdesk.support.credentials;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import io.dmdesk.support.mongo.MongoStore;
import io.dmdesk.testsupport.TestMongo;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The credential store's lease over the Mongo-protocol store: one renewer at a time, and only it may write. */
class CredentialStoreTest {

    private final MongoClient client = MongoClients.create(TestMongo.connectionString());
    private final CredentialStore store = new CredentialStore(new MongoStore(
            client.getDatabase("credentials-" + UUID.randomUUID().toString().substring(0, 8)), Duration.ofSeconds(10)));

    @AfterEach
    void close() {
        client.close();
    }

    @Test
    void onlyOneRenewerHoldsTheLeaseUntilItStoresOrTheLeaseRunsOut() {
        Instant now = Instant.parse("2026-12-07T12:00:00Z");
        assertTrue(store.lease("x-demopolice", "x", "replica-a", now, now.plusSeconds(60)));
        assertFalse(
                store.lease("x-demopolice", "x", "replica-b", now.plusSeconds(1), now.plusSeconds(61)),
                "a second replica must not spend the same one-time refresh token");
        assertFalse(store.save(credential("from-b"), "replica-b"), "only the lease holder writes");

        assertTrue(store.save(credential("from-a"), "replica-a"));
        PlatformCredential stored = store.find("x-demopolice").orElseThrow();
        assertEquals("access-from-a", stored.accessToken());
        assertEquals("refresh-from-a", stored.renewalToken());
        assertEquals(Instant.parse("2026-12-07T14:00:00Z"), stored.expiresAt());

        // Storing gave the lease back; a lease that runs out (a crashed holder) is taken over too.
        assertTrue(store.lease("x-demopolice", "x", "replica-b", now.plusSeconds(2), now.plusSeconds(62)));
        assertTrue(store.lease("x-demopolice", "x", "replica-c", now.plusSeconds(63), now.plusSeconds(123)));
        assertFalse(store.save(credential("from-b"), "replica-b"), "a lease lost meanwhile cannot write");
        assertEquals("access-from-a", store.find("x-demopolice").orElseThrow().accessToken());
    }

    @Test
    void aCredentialPrintsNoToken() {
        String printed = credential("secret-part").toString();
        assertFalse(printed.contains("secret-part"), printed);
        assertNull(store.find("nobody").orElse(null));
    }

    private static PlatformCredential credential(String suffix) {
        return new PlatformCredential(
                "x-demopolice",
                "x",
                "fingerprint",
                "access-" + suffix,
                Instant.parse("2026-12-07T14:00:00Z"),
                "refresh-" + suffix,
                null,
                null,
                Instant.parse("2026-12-07T12:00:00Z"),
                false,
                null);
    }
}
