package io.dmdesk.support.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * AES-256-GCM over the sealed fields of one event: a random 96-bit nonce per record, a 128-bit tag, and as associated
 * data the format version, the event type and the data key id, so a sealed part cannot be moved to another
 * event or key unnoticed. The wire form is the JSON object {@code {"v":1,"k":keyId,"n":nonce,"c":ciphertext}}.
 */
public final class Envelope {

    public static final int VERSION = 1;
    private static final int NONCE_BYTES = 12;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** What the wire carries. */
    public record Sealed(int v, String k, String n, String c) {}

    public static Sealed seal(String type, String keyId, SecretKey key, byte[] plaintext) {
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            RANDOM.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, nonce));
            cipher.updateAAD(aad(type, keyId));
            byte[] ct = cipher.doFinal(plaintext);
            return new Sealed(
                    VERSION,
                    keyId,
                    Base64.getEncoder().encodeToString(nonce),
                    Base64.getEncoder().encodeToString(ct));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot seal a " + type, e);
        }
    }

    /** @throws TamperedRecordException when the ciphertext, nonce, type or key id was changed, or the key is not the one */
    public static byte[] open(String type, Sealed sealed, SecretKey key) {
        if (sealed.v() != VERSION) {
            throw new TamperedRecordException("sealed part of a " + type + " has unknown version " + sealed.v());
        }
        try {
            byte[] nonce = Base64.getDecoder().decode(sealed.n());
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, nonce));
            cipher.updateAAD(aad(type, sealed.k()));
            return cipher.doFinal(Base64.getDecoder().decode(sealed.c()));
        } catch (AEADBadTagException | IllegalArgumentException e) {
            throw new TamperedRecordException(
                    "sealed part of a " + type + " under data key " + sealed.k() + " does not authenticate");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot open a " + type, e);
        }
    }

    private static byte[] aad(String type, String keyId) {
        return ("dmdesk.sealed.v" + VERSION + "|" + type + "|" + keyId).getBytes(StandardCharsets.UTF_8);
    }

    private Envelope() {}
}
