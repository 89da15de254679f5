package de.bwaldvogel.mongo.backend.h2;

import de.bwaldvogel.mongo.MongoDatabase;

/**
 * The local stack's H2 backend: the same file and maps as {@link H2Backend}, but its unique indexes (every
 * collection's {@code _id}) also serve a query that names the indexed field next to other conditions, as a real
 * MongoDB's query planner does ({@link IdLookupH2UniqueIndex}). In mongo-java-server's package because the H2
 * index is package-private to construct and to read.
 */
public class IdLookupH2Backend extends H2Backend {

    public IdLookupH2Backend(String fileName) {
        super(fileName);
    }

    @Override
    protected MongoDatabase openOrCreateDatabase(String databaseName) {
        return new IdLookupH2Database(databaseName, getMvStore(), getCursorRegistry());
    }
}
