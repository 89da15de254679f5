package io.dmdesk.support.crypto;

import io.dmdesk.contracts.SafeMessage;

/**
 * The data key of a record's personal fields was erased: the record can never be opened again. Not a failure of
 * the record: consumers skip it (audited as RECORD_KEY_ERASED) and move on; a DLQ replay refuses it.
 */
public class RecordKeyErasedException extends RuntimeException implements SafeMessage {

    private final String keyId;
    private final String reportId;

    public RecordKeyErasedException(String keyId, String reportId) {
        super("data key " + keyId + " was erased");
        this.keyId = keyId;
        this.reportId = reportId;
    }

    public String keyId() {
        return keyId;
    }

    /** The report the key belonged to, when the erasure named it. */
    public String reportId() {
        return reportId;
    }

    /** The message or report id the key was made for. */
    public String subjectId() {
        return DataKeyIds.subjectOf(keyId);
    }
}
