package io.dmdesk.audit.integrity;

/** Where the trail lives: one collection of chained entries, one of signed checkpoints. */
public final class Trail {

    /** Entries under their event id, each with a unique global {@code seq} and its hashes. */
    public static final String ENTRIES = "audit_entries";
    /** Signed checkpoints under the seq they cover. */
    public static final String CHECKPOINTS = "audit_checkpoints";

    private Trail() {
    }
}
