package io.dmdesk.audit.integrity;

import java.nio.file.Path;
import java.security.PublicKey;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every key that ever signed checkpoints, by key id: the active one (signs new checkpoints) and the retired ones
 * (kept after a rotation so that checkpoints they signed still verify). Public keys only, apart from the active
 * key's private half inside {@link SigningKey}.
 */
public final class KeyRing {

    public static final String ACTIVE = "active";
    public static final String RETIRED = "retired";

    private final SigningKey active;
    private final Map<String, PublicKey> retired;

    public KeyRing(SigningKey active, Map<String, PublicKey> retired) {
        this.active = active;
        this.retired = Map.copyOf(retired);
    }

    /** The active key and the retired public keys of the configuration; an unreadable file stops start-up naming the key. */
    static KeyRing load(AuditTrailProperties.Signing config) {
        SigningKey active = SigningKey.load(config);
        Map<String, PublicKey> retired = new LinkedHashMap<>();
        List<Path> files = config.retiredPublicKeyFiles();
        for (int i = 0; i < files.size(); i++) {
            try {
                PublicKey key = SigningKey.readPublic(files.get(i));
                String id = SigningKey.keyId(key);
                if (!id.equals(active.keyId())) {
                    retired.put(id, key);
                }
            } catch (RuntimeException e) {
                throw new IllegalStateException(
                        "dmdesk.audit.signing.retired-public-key-files[" + i + "]: " + e.getMessage(), e);
            }
        }
        return new KeyRing(active, retired);
    }

    public SigningKey active() {
        return active;
    }

    /** All verifying keys by id, the active one first. */
    public Map<String, PublicKey> publicKeys() {
        Map<String, PublicKey> all = new LinkedHashMap<>();
        all.put(active.keyId(), active.publicKey());
        all.putAll(retired);
        return all;
    }

    public String status(String keyId) {
        return active.keyId().equals(keyId) ? ACTIVE : RETIRED;
    }
}
