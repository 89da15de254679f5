package io.dmdesk.intake.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HMAC-SHA256 as the platforms sign webhooks, with constant-time comparison of what a request claims. */
public final class Hmac {

    private Hmac() {}

    public static byte[] sha256(String secret, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    /** X style: {@code sha256=} + base64. */
    public static String base64Signature(String secret, byte[] data) {
        return "sha256=" + Base64.getEncoder().encodeToString(sha256(secret, data));
    }

    /** Meta style: {@code sha256=} + lower-case hex. */
    public static String hexSignature(String secret, byte[] data) {
        return "sha256=" + HexFormat.of().formatHex(sha256(secret, data));
    }

    /** Compares in time independent of where the strings differ, so a forger learns nothing from timing. */
    public static boolean same(String expected, String claimed) {
        if (expected == null || claimed == null) {
            return false;
        }
        return MessageDigest.isEqual(
                expected.getBytes(StandardCharsets.UTF_8), claimed.trim().getBytes(StandardCharsets.UTF_8));
    }
}
