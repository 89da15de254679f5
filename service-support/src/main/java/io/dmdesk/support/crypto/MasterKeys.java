package io.dmdesk.support.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The master keys from configuration, which wrap (AES-256-GCM, the data key id as associated data) the data keys
 * kept in the key store. Rotation: add a new key, make it current; data keys wrapped by an older one still unwrap
 * as long as it stays listed. Key material is never logged or put in an exception message.
 */
public final class MasterKeys {

    public static final String VARIABLE = "DMDESK_MASTER_KEYS";
    static final int KEY_BYTES = 32;
    private static final int IV_BYTES = 12;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Map<String, SecretKey> keys;
    private final String current;

    private MasterKeys(Map<String, SecretKey> keys, String current) {
        this.keys = keys;
        this.current = current;
    }

    /**
     * @param spec    {@code id:base64,id:base64}
     * @param current the id that wraps; the first listed when null or blank
     * @throws IllegalStateException naming the variable or the key id (never the material) when a key is missing,
     *                               not base64 or not 32 bytes
     */
    public static MasterKeys parse(String spec, String current) {
        if (spec == null || spec.isBlank()) {
            throw new IllegalStateException(VARIABLE + " (dmdesk.crypto.master-keys) is not set: the master key that "
                    + "wraps the data keys of personal fields is required, as id:base64(32 random bytes)");
        }
        Map<String, SecretKey> keys = new LinkedHashMap<>();
        for (String entry : spec.split(",")) {
            String e = entry.trim();
            int colon = e.indexOf(':');
            if (colon < 1) {
                throw new IllegalStateException(
                        VARIABLE + ": an entry is not id:base64 (entry " + (keys.size() + 1) + ")");
            }
            String id = e.substring(0, colon);
            byte[] material;
            try {
                material = Base64.getDecoder().decode(e.substring(colon + 1));
            } catch (IllegalArgumentException notBase64) {
                throw new IllegalStateException(VARIABLE + ": master key '" + id + "' is not base64");
            }
            if (material.length != KEY_BYTES) {
                throw new IllegalStateException(VARIABLE + ": master key '" + id + "' has " + material.length
                        + " bytes, needs " + KEY_BYTES + " (AES-256)");
            }
            if (keys.put(id, new SecretKeySpec(material, "AES")) != null) {
                throw new IllegalStateException(VARIABLE + ": master key '" + id + "' is listed twice");
            }
        }
        String wrapping =
                current == null || current.isBlank() ? keys.keySet().iterator().next() : current;
        if (!keys.containsKey(wrapping)) {
            throw new IllegalStateException("dmdesk.crypto.current-master-key names master key '" + wrapping
                    + "', which " + VARIABLE + " does not list");
        }
        return new MasterKeys(keys, wrapping);
    }

    /** No master key (a service that only opens): fails, naming the setting, when a key is needed after all. */
    public static MasterKeys absent() {
        return new MasterKeys(Map.of(), null);
    }

    /** A fresh random master key entry, for the local stack and tests. */
    public static String generateEntry(String id) {
        byte[] material = new byte[KEY_BYTES];
        RANDOM.nextBytes(material);
        return id + ":" + Base64.getEncoder().encodeToString(material);
    }

    public String currentId() {
        return current;
    }

    /** @return iv || ciphertext+tag of the data key, bound to its id */
    byte[] wrap(String dataKeyId, byte[] dataKey) {
        if (current == null) {
            throw new IllegalStateException(
                    VARIABLE + " (dmdesk.crypto.master-keys) is not set: cannot create data key " + dataKeyId);
        }
        try {
            byte[] iv = new byte[IV_BYTES];
            RANDOM.nextBytes(iv);
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, keys.get(current), new GCMParameterSpec(128, iv));
            c.updateAAD(aad(dataKeyId));
            byte[] ct = c.doFinal(dataKey);
            byte[] out = new byte[IV_BYTES + ct.length];
            System.arraycopy(iv, 0, out, 0, IV_BYTES);
            System.arraycopy(ct, 0, out, IV_BYTES, ct.length);
            return out;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot wrap data key " + dataKeyId, e);
        }
    }

    /** @throws IllegalStateException when the master key is not configured or the wrapped key was altered */
    SecretKey unwrap(String masterKeyId, String dataKeyId, byte[] wrapped) {
        SecretKey master = keys.get(masterKeyId);
        if (master == null && current == null) {
            throw new IllegalStateException(
                    VARIABLE + " (dmdesk.crypto.master-keys) is not set: cannot open data key " + dataKeyId);
        }
        if (master == null) {
            throw new IllegalStateException("data key " + dataKeyId + " is wrapped by master key '" + masterKeyId
                    + "', which " + VARIABLE + " no longer lists");
        }
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, master, new GCMParameterSpec(128, wrapped, 0, IV_BYTES));
            c.updateAAD(aad(dataKeyId));
            return new SecretKeySpec(c.doFinal(wrapped, IV_BYTES, wrapped.length - IV_BYTES), "AES");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("data key " + dataKeyId + " does not unwrap with master key '" + masterKeyId
                    + "' (altered, or a different key under the same id)");
        }
    }

    private static byte[] aad(String dataKeyId) {
        return ("dmdesk.datakey.v1|" + dataKeyId).getBytes(StandardCharsets.UTF_8);
    }
}
