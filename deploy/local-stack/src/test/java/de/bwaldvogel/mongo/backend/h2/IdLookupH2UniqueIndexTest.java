package de.bwaldvogel.mongo.backend.h2;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.bson.Document;
import java.util.List;
import org.junit.jupiter.api.Test;

class IdLookupH2UniqueIndexTest {

    private final IdLookupH2UniqueIndex id =
            new IdLookupH2UniqueIndex(null, "_id_", List.of(new IndexKey("_id", true)), false);

    @Test
    void aConditionalWriteByIdIsServedByTheIdIndexInsteadOfAScan() {
        assertTrue(id.canHandle(new Document("_id", "r1")));
        assertTrue(id.canHandle(new Document("_id", "r1").append("status", "OPEN")));
        assertTrue(id.canHandle(
                new Document("_id", "r1").append("revision", 1).append("messageIds", new Document("$ne", "m2"))));
        assertTrue(id.canHandle(new Document("_id", new Document("$in", List.of("a", "b"))).append("state", "X")));
        assertTrue(id.canHandle(new Document("_id", "r1").append("$or", List.of(new Document("a", 1)))));
    }

    @Test
    void queriesTheIdDoesNotNarrowStillScan() {
        assertFalse(id.canHandle(new Document("status", "OPEN")), "no _id");
        assertFalse(
                id.canHandle(new Document("_id", new Document("$gt", "r1")).append("status", "OPEN")),
                "a range on _id");
        IdLookupH2UniqueIndex compound = new IdLookupH2UniqueIndex(
                null, "a_1_b_1", List.of(new IndexKey("a", true), new IndexKey("b", true)), false);
        assertFalse(compound.canHandle(new Document("a", 1)
                .append("b", new Document("$in", List.of(1)))
                .append("c", 2)));
    }
}
