package io.dmdesk.audit.integrity;

import jakarta.validation.constraints.Min;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.validation.annotation.Validated;

/**
 * Tamper evidence of the trail.
 *
 * @param checkpointEvery    sign a checkpoint whenever the global sequence reaches a multiple of this
 * @param checkpointInterval also sign one this often when the trail grew since the last checkpoint
 * @param signing            the checkpoint signing key
 */
@Validated
@ConfigurationProperties("dmdesk.audit")
public record AuditTrailProperties(@Min(1) Integer checkpointEvery, Duration checkpointInterval, Signing signing) {

    public AuditTrailProperties {
        checkpointEvery = checkpointEvery == null ? 1000 : checkpointEvery;
        checkpointInterval = checkpointInterval == null ? Duration.ofMinutes(5) : checkpointInterval;
        signing = signing == null ? new Signing(null, null, null) : signing;
    }

    /**
     * @param privateKeyFile PKCS#8 PEM private key (Ed25519 or EC P-256); production keeps it out of the data dir
     * @param publicKeyFile  X.509 PEM public key matching it (required with privateKeyFile)
     * @param keyDir         without a configured key: where a key pair is generated at first start and reused
     * @param retiredPublicKeyFiles X.509 PEM public keys that signed checkpoints earlier (after a key rotation):
     *                       they sign nothing any more, but verify keeps accepting the checkpoints they signed
     */
    public record Signing(Path privateKeyFile, Path publicKeyFile, Path keyDir, List<Path> retiredPublicKeyFiles) {

        @ConstructorBinding
        public Signing {
            privateKeyFile = unset(privateKeyFile) ? null : privateKeyFile;
            publicKeyFile = unset(publicKeyFile) ? null : publicKeyFile;
            keyDir = unset(keyDir) ? Path.of(".local", "audit") : keyDir;
            retiredPublicKeyFiles = retiredPublicKeyFiles == null
                    ? List.of()
                    : retiredPublicKeyFiles.stream().filter(p -> !unset(p)).toList();
        }

        public Signing(Path privateKeyFile, Path publicKeyFile, Path keyDir) {
            this(privateKeyFile, publicKeyFile, keyDir, null);
        }

        /** An empty environment variable binds to an empty path: treat it as not configured. */
        private static boolean unset(Path path) {
            return path == null || path.toString().isBlank();
        }
    }
}
