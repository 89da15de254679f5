package de.bwaldvogel.mongo.backend.h2;

import de.bwaldvogel.mongo.backend.AbstractUniqueIndex;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.bson.Document;
import java.util.List;
import java.util.Map.Entry;

/**
 * A unique single-field index that also serves {@code {_id: x, status: "OPEN", ...}}. mongo-java-server uses an
 * index only when the query names exactly the index's fields, so every conditional write on the hot paths (update
 * this report if it is still open, this intent if its lease is ours) scanned the whole collection and grew slower
 * with every document stored. The top-level fields of a query are a conjunction, so the documents with the
 * queried key are a superset of the answer; the collection still matches each of them against the whole query.
 * Storage is the wrapped H2 index, unchanged.
 */
class IdLookupH2UniqueIndex extends AbstractUniqueIndex<Object> {

    private final H2UniqueIndex stored;

    IdLookupH2UniqueIndex(H2UniqueIndex stored, String name, List<IndexKey> keys, boolean sparse) {
        super(name, keys, sparse);
        this.stored = stored;
    }

    @Override
    public synchronized boolean canHandle(Document query) {
        if (super.canHandle(query)) {
            return true;
        }
        if (isCompoundIndex() || !query.keySet().containsAll(keySet())) {
            return false;
        }
        // Only the indexed field decides, by the library's own rules (an equality, $in or a regular expression).
        Document own = new Document();
        for (String key : keys()) {
            own.put(key, query.get(key));
        }
        return super.canHandle(own);
    }

    @Override
    protected Object removeDocument(KeyValue keyValue) {
        return stored.removeDocument(keyValue);
    }

    @Override
    protected boolean putKeyPosition(KeyValue keyValue, Object position) {
        return stored.putKeyPosition(keyValue, position);
    }

    @Override
    protected Iterable<Entry<KeyValue, Object>> getIterable() {
        return stored.getIterable();
    }

    @Override
    protected Object getPosition(KeyValue keyValue) {
        return stored.getPosition(keyValue);
    }

    @Override
    public long getCount() {
        return stored.getCount();
    }

    @Override
    public boolean isEmpty() {
        return stored.isEmpty();
    }

    @Override
    public long getDataSize() {
        return stored.getDataSize();
    }
}
