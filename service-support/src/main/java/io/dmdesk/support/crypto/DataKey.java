package io.dmdesk.support.crypto;

import java.time.Instant;

/**
 * One data key as the key store keeps it (collection {@code data_keys}, {@code _id} = key id). A live key holds its
 * material wrapped by a master key; an erased one is a tombstone without material, so that a record under it is
 * known to be erased (skipped) rather than unknown (a fault, retried and dead-lettered).
 *
 * @param kind        {@code message} or {@code report}
 * @param masterKeyId the master key that wrapped {@code wrapped}; null once erased
 * @param wrapped     iv || AES-GCM(master, data key); null once erased
 * @param reportId    the report whose erasure removed the key; null while live
 */
public record DataKey(
        String keyId,
        String kind,
        String masterKeyId,
        byte[] wrapped,
        Instant createdAt,
        Instant erasedAt,
        String reportId,
        String erasureReason) {

    public boolean erased() {
        return erasedAt != null;
    }
}
