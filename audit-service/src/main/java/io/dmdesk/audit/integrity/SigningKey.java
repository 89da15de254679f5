package io.dmdesk.audit.integrity;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The key that signs checkpoints (Ed25519, or ECDSA P-256 when so configured). The private key is never logged. */
public final class SigningKey {

    private static final Logger log = LoggerFactory.getLogger(SigningKey.class);
    static final String PRIVATE_FILE = "audit-signing-private.pem";
    static final String PUBLIC_FILE = "audit-signing-public.pem";

    private final PrivateKey privateKey;
    private final PublicKey publicKey;

    private SigningKey(PrivateKey privateKey, PublicKey publicKey) {
        this.privateKey = privateKey;
        this.publicKey = publicKey;
    }

    /** The configured key; else the one generated earlier in the key dir; else a new one, generated there now. */
    public static SigningKey load(AuditTrailProperties.Signing config) {
        if (config.privateKeyFile() != null) {
            if (config.publicKeyFile() == null) {
                throw new IllegalStateException(
                        "dmdesk.audit.signing.public-key-file is required with dmdesk.audit.signing.private-key-file");
            }
            return new SigningKey(readPrivate(config.privateKeyFile()), readPublic(config.publicKeyFile()));
        }
        Path dir = config.keyDir();
        Path privateFile = dir.resolve(PRIVATE_FILE);
        Path publicFile = dir.resolve(PUBLIC_FILE);
        if (Files.exists(privateFile)) {
            log.info("Audit checkpoints are signed with the key generated earlier in the data directory");
            return new SigningKey(readPrivate(privateFile), readPublic(publicFile));
        }
        try {
            KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            Files.createDirectories(dir);
            writeOwnerOnly(privateFile, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
            Files.writeString(publicFile, pem("PUBLIC KEY", pair.getPublic().getEncoded()));
            log.warn("No audit signing key configured: generated a new Ed25519 key pair in the data directory "
                    + "(local stack and tests only; configure dmdesk.audit.signing.private-key-file in production)");
            return new SigningKey(pair.getPrivate(), pair.getPublic());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate an Ed25519 key", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store the generated audit signing key", e);
        }
    }

    public byte[] sign(byte[] payload) {
        try {
            Signature signature = Signature.getInstance(algorithm(publicKey));
            signature.initSign(privateKey);
            signature.update(payload);
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign a checkpoint", e);
        }
    }

    public PublicKey publicKey() {
        return publicKey;
    }

    public String publicKeyPem() {
        return pem("PUBLIC KEY", publicKey.getEncoded());
    }

    /** A public key as PEM, e.g. a retired one for the key list. */
    public static String publicKeyPem(PublicKey key) {
        return pem("PUBLIC KEY", key.getEncoded());
    }

    public String keyId() {
        return keyId(publicKey);
    }

    public static String keyId(PublicKey key) {
        return EntryHash.sha256(Base64.getEncoder().encodeToString(key.getEncoded()))
                .substring(0, 16);
    }

    public static String algorithm(PublicKey key) {
        return "EC".equals(key.getAlgorithm()) ? "SHA256withECDSA" : "Ed25519";
    }

    static boolean verify(PublicKey key, byte[] payload, byte[] signatureBytes) {
        try {
            Signature signature = Signature.getInstance(algorithm(key));
            signature.initVerify(key);
            signature.update(payload);
            return signature.verify(signatureBytes);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    public static PublicKey readPublic(Path file) {
        byte[] der = der(file);
        for (String algorithm : new String[] {"Ed25519", "EC"}) {
            try {
                return KeyFactory.getInstance(algorithm).generatePublic(new X509EncodedKeySpec(der));
            } catch (GeneralSecurityException ignored) {
                // try the next supported algorithm
            }
        }
        throw new IllegalStateException("not an Ed25519 or EC public key (X.509 PEM): " + file);
    }

    static PrivateKey readPrivate(Path file) {
        byte[] der = der(file);
        for (String algorithm : new String[] {"Ed25519", "EC"}) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException ignored) {
                // try the next supported algorithm
            }
        }
        throw new IllegalStateException("not an Ed25519 or EC private key (PKCS#8 PEM): " + file);
    }

    private static byte[] der(Path file) {
        try {
            String body = Files.readString(file, StandardCharsets.US_ASCII)
                    .replaceAll("-----[A-Z ]+-----", "")
                    .replaceAll("\\s", "");
            return Base64.getDecoder().decode(body);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read key file " + file, e);
        }
    }

    static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der) + "\n-----END " + type + "-----\n";
    }

    private static void writeOwnerOnly(Path file, String content) throws IOException {
        Files.writeString(file, content);
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException ignored) {
            // not a POSIX file system: the directory's own permissions apply
        }
    }
}
