package io.dmdesk.contracts;

/**
 * How fast the police must act, most urgent first (the order is the queue's order).
 *
 * <p>{@link #POSSIBLE_EMERGENCY} is the recall-first band: danger is likely but the classifier is not sure.
 * It is treated as an emergency everywhere it matters for the citizen's safety (alert, emergency advice first,
 * pinned in the console with its own short claim SLA) and shown apart so an operator confirms or downgrades it.
 */
public enum Urgency {
    EMERGENCY,
    POSSIBLE_EMERGENCY,
    URGENT,
    ROUTINE,
    NON_CRIME;

    /** Raises an alert, gets the emergency advice first and is pinned in the console. */
    public boolean isEmergencyBand() {
        return this == EMERGENCY || this == POSSIBLE_EMERGENCY;
    }
}
