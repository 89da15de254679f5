package de.bwaldvogel.mongo.backend.h2;

import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import java.util.List;
import org.h2.mvstore.MVStore;

/** An H2 database whose unique indexes are H2Database's own, wrapped in {@link IdLookupH2UniqueIndex}. */
class IdLookupH2Database extends H2Database {

    IdLookupH2Database(String databaseName, MVStore store, CursorRegistry cursors) {
        super(databaseName, store, cursors);
    }

    @Override
    protected Index<Object> openOrCreateUniqueIndex(
            String collectionName, String indexName, List<IndexKey> keys, boolean sparse) {
        // Same map, same name: a store written by the plain backend keeps its indexes, and the other way round.
        H2UniqueIndex stored = (H2UniqueIndex) super.openOrCreateUniqueIndex(collectionName, indexName, keys, sparse);
        return new IdLookupH2UniqueIndex(stored, indexName, keys, sparse);
    }
}
