package io.dmdesk.support.crypto;

/**
 * Data key ids are a function of what they protect, so every service finds the same key without asking anyone:
 * {@code msg:<messageId>} for a message on social.inbound, {@code rpt:<reportId>} for everything published about a
 * report. A report's keys are therefore its own id and its message ids, which the erasure already knows.
 */
public final class DataKeyIds {

    public static final String MESSAGE = "msg:";
    public static final String REPORT = "rpt:";

    public static String ofMessage(String messageId) {
        return MESSAGE + messageId;
    }

    public static String ofReport(String reportId) {
        return REPORT + reportId;
    }

    static String subjectOf(String keyId) {
        int colon = keyId.indexOf(':');
        return colon < 0 ? keyId : keyId.substring(colon + 1);
    }

    static String kindOf(String keyId) {
        return keyId.startsWith(REPORT) ? "report" : keyId.startsWith(MESSAGE) ? "message" : "other";
    }

    private DataKeyIds() {}
}
