package io.dmdesk.triage.report;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.UUID;

/**
 * Report ids and references derive from the message that opened the report, so a redelivered message can
 * never open a second report. References use Crockford's base32 (no I, L, O, U): easy to read out on a phone.
 */
public final class ReportIds {

    private static final char[] CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();

    public static String forFirstMessage(String messageId) {
        return UUID.nameUUIDFromBytes(("report|" + messageId).getBytes(StandardCharsets.UTF_8))
                .toString();
    }

    /** {@code DMD-XXXX-XXXX}: 40 bits of the report id's hash. */
    public static String reference(String reportId) {
        byte[] hash = sha256(reportId);
        long bits = 0;
        for (int i = 0; i < 5; i++) {
            bits = (bits << 8) | (hash[i] & 0xff);
        }
        char[] out = new char[8];
        for (int i = 7; i >= 0; i--) {
            out[i] = CROCKFORD[(int) (bits & 31)];
            bits >>>= 5;
        }
        return "DMD-" + new String(out, 0, 4) + "-" + new String(out, 4, 4);
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private ReportIds() {}
}
