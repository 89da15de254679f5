package io.dmdesk.support.crypto;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Crypto-shredding of events on the wire (docs/CRYPTO_SHREDDING.md).
 *
 * @param sealEvents       seal the personal fields of events this service publishes; sealed records are opened
 *                         whatever this says, so a service can be switched over without losing old records
 * @param masterKeys       {@code id:base64(32 bytes)} entries, comma separated (DMDESK_MASTER_KEYS); every listed
 *                         key unwraps, the current one wraps new data keys
 * @param currentMasterKey id of the master key that wraps new data keys; the first listed when not set
 * @param keysUri          the key store's connection string; the service's own store when not set
 * @param keysDatabase     the key store's database, of its own: no service's data sits next to the keys
 * @param cacheTtl         how long an unwrapped data key is kept in memory; bounds how long another service
 *                         can still open a record after an erasure elsewhere
 * @param cacheSize        how many unwrapped data keys are kept in memory at most
 */
@ConfigurationProperties("dmdesk.crypto")
public record CryptoProperties(
        boolean sealEvents,
        String masterKeys,
        String currentMasterKey,
        String keysUri,
        String keysDatabase,
        Duration cacheTtl,
        Integer cacheSize) {

    public CryptoProperties {
        keysDatabase = keysDatabase == null || keysDatabase.isBlank() ? "dmdesk_keys" : keysDatabase;
        cacheTtl = cacheTtl == null ? Duration.ofSeconds(60) : cacheTtl;
        cacheSize = cacheSize == null ? 10_000 : cacheSize;
    }
}
