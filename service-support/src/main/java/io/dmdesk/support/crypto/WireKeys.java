package io.dmdesk.support.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * Kafka record keys that name no person. The conversation key of social.inbound ({@code platform:account:conversation})
 * carries the conversation id, which no erasure of a data key could reach; sealing services key the record by an
 * HMAC-SHA256 of it instead, under a data key of its own that is never erased, so a conversation still lands on one
 * partition in order, and the key is a pseudonym only whoever holds the key store and master key could test guesses
 * against. Services that do not seal keep the plain key.
 */
public class WireKeys {

    /** The data key of the HMAC: kept in the key store, rewrapped on rotation like any other, never erased. */
    public static final String KEY_ID = "wire:conversation-keys";

    private final DataKeyStore keys;
    private final boolean seal;
    private final ThreadLocal<Mac> macs = new ThreadLocal<>();
    private volatile SecretKey macKey;

    public WireKeys(DataKeyStore keys, boolean seal) {
        this.keys = keys;
        this.seal = seal;
    }

    /** The record key for a conversation key on social.inbound. */
    public String conversation(String conversationKey) {
        if (!seal) {
            return conversationKey;
        }
        SecretKey key = keys.getOrCreate(KEY_ID);
        try {
            Mac mac = macs.get();
            if (mac == null || key != macKey) {
                mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(key.getEncoded(), "HmacSHA256"));
                macs.set(mac);
                macKey = key;
            }
            byte[] digest = mac.doFinal(conversationKey.getBytes(StandardCharsets.UTF_8));
            return "c1:"
                    + Base64.getUrlEncoder()
                            .withoutPadding()
                            .encodeToString(digest)
                            .substring(0, 32);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot key a conversation", e);
        }
    }
}
