package io.dmdesk.audit.integrity;

/** Where the trail lives: one collection of chained entries, one of signed checkpoints. */
public final class Trail {

    /**
     * Entries under their event id, each at a unique {@code (chain, seq)}: one chain per audit.events partition,
     * so the writers of different partitions never wait for each other.
     */
    public static final String ENTRIES = "audit_entries";
    /** Signed checkpoints, each naming the head of every chain; under the hash of those heads. */
    public static final String CHECKPOINTS = "audit_checkpoints";

    private Trail() {}
}
