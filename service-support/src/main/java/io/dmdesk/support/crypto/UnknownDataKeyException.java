package io.dmdesk.support.crypto;

import io.dmdesk.contracts.SafeMessage;

/**
 * A record names a data key the key store has never had: the service points at the wrong key store, or the store
 * has not caught up. A fault, unlike an erased key: retried, then dead-lettered, to be replayed once fixed.
 */
public class UnknownDataKeyException extends RuntimeException implements SafeMessage {

    public UnknownDataKeyException(String keyId) {
        super("data key " + keyId + " is not in the key store");
    }
}
