package io.dmdesk.sandbox.state;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** One feature's in-memory state, saved under {@link #name()} in the snapshot file and cleared by a reset. */
public interface StatePart {

    String name();

    JsonNode snapshot(JsonMapper mapper);

    void restore(JsonNode snapshot, JsonMapper mapper);

    void clear();
}
