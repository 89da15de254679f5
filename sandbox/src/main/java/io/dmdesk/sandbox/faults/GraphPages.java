package io.dmdesk.sandbox.faults;

import java.util.Optional;

/**
 * The simulated Graph API's pages as the fault filter needs them: which page a Graph node (a page id or its
 * Instagram account id) belongs to. Implemented by the meta simulation, so faults depend on no platform.
 */
public interface GraphPages {

    /** The page id the node belongs to, if the node is a known page or its Instagram account. */
    Optional<String> pageIdOfNode(String node);
}
