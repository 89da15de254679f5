package io.dmdesk.contracts;

/** A new message, or an edit/deletion of one already received (recorded as such, never as a new report). */
public enum MessageKind {
    NEW,
    EDIT,
    DELETE
}
