package io.dmdesk.sandbox.x;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;

/**
 * Citizens get a user id derived from their handle, so the same handle has the same id after a reset or on
 * another machine, which keeps test fixtures and logs comparable. "8" plus 18 digits: 19 digits like real
 * ids, still inside a signed 64-bit long (clients parse ids as longs), and apart from configured account ids.
 */
final class CitizenIds {

    private static final long EIGHTEEN_DIGITS = 1_000_000_000_000_000_000L;

    private CitizenIds() {}

    static String forHandle(String handle) {
        byte[] digest = sha256(handle.toLowerCase(Locale.ROOT));
        long value = 0;
        for (int i = 0; i < Long.BYTES; i++) {
            value = (value << 8) | (digest[i] & 0xff);
        }
        return "8" + String.format("%018d", Long.remainderUnsigned(value, EIGHTEEN_DIGITS));
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
