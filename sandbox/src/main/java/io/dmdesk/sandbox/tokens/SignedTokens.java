package io.dmdesk.sandbox.tokens;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Tokens the sandbox issues, self-describing and signed (HMAC-SHA256 with a key derived from the app's secret), so
 * they stay valid across a sandbox restart without keeping state: {@code <prefix>.<payload>.<mac>} with payload
 * {@code subject|expiry epoch ms (0 = never)|data-access expiry epoch ms|nonce}. Real platforms' tokens are opaque;
 * clients must not parse these either.
 */
public final class SignedTokens {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private final String prefix;
    private final byte[] key;

    public SignedTokens(String prefix, String secret) {
        this.prefix = prefix;
        this.key = (prefix + ":" + secret).getBytes(StandardCharsets.UTF_8);
    }

    /** What a valid signed token says. */
    public record Claims(String subject, Instant expiresAt, Instant dataAccessExpiresAt, String nonce) {
        public boolean expired(Instant now) {
            return expiresAt != null && !now.isBefore(expiresAt);
        }
    }

    public String issue(String subject, Instant expiresAt, Instant dataAccessExpiresAt) {
        byte[] nonce = new byte[12];
        RANDOM.nextBytes(nonce);
        String payload =
                subject + "|" + millis(expiresAt) + "|" + millis(dataAccessExpiresAt) + "|" + B64.encodeToString(nonce);
        String encoded = B64.encodeToString(payload.getBytes(StandardCharsets.UTF_8));
        return prefix + "." + encoded + "." + mac(encoded);
    }

    /** The claims of a token this issuer signed, expired or not; empty for anything else. */
    public Optional<Claims> read(String token) {
        if (token == null || !token.startsWith(prefix + ".")) {
            return Optional.empty();
        }
        String[] parts = token.substring(prefix.length() + 1).split("\\.");
        if (parts.length != 2
                || !MessageDigest.isEqual(
                        mac(parts[0]).getBytes(StandardCharsets.US_ASCII),
                        parts[1].getBytes(StandardCharsets.US_ASCII))) {
            return Optional.empty();
        }
        try {
            String[] f = new String(Base64.getUrlDecoder().decode(parts[0]), StandardCharsets.UTF_8).split("\\|");
            return Optional.of(new Claims(f[0], instant(f[1]), instant(f[2]), f[3]));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private String mac(String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return B64.encodeToString(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long millis(Instant i) {
        return i == null ? 0 : i.toEpochMilli();
    }

    private static Instant instant(String ms) {
        long v = Long.parseLong(ms);
        return v == 0 ? null : Instant.ofEpochMilli(v);
    }
}
