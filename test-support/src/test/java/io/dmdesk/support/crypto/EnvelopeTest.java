package io.dmdesk.support.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import org.junit.jupiter.api.Test;

/** The AES-256-GCM envelope and the master-key wrapping, without a store. */
class EnvelopeTest {

    private static final byte[] PLAIN = "{\"/text\":\"my car was broken into\"}".getBytes(StandardCharsets.UTF_8);

    @Test
    void sealedPartOpensWithItsKeyAndCarriesNoPlaintext() throws Exception {
        SecretKey key = key();
        Envelope.Sealed sealed = Envelope.seal("InboundMessage", "msg:x:1", key, PLAIN);
        assertEquals("msg:x:1", sealed.k());
        assertTrue(!new String(Base64.getDecoder().decode(sealed.c()), StandardCharsets.UTF_8).contains("broken"));
        assertArrayEquals(PLAIN, Envelope.open("InboundMessage", sealed, key));
        // A fresh nonce per record: the same fields never give the same ciphertext.
        assertTrue(!sealed.c()
                .equals(Envelope.seal("InboundMessage", "msg:x:1", key, PLAIN).c()));
    }

    @Test
    void tamperedCiphertextFailsToOpen() throws Exception {
        SecretKey key = key();
        Envelope.Sealed sealed = Envelope.seal("InboundMessage", "msg:x:1", key, PLAIN);
        byte[] ct = Base64.getDecoder().decode(sealed.c());
        ct[3] ^= 1;
        Envelope.Sealed tampered = new Envelope.Sealed(
                sealed.v(), sealed.k(), sealed.n(), Base64.getEncoder().encodeToString(ct));
        assertThrows(TamperedRecordException.class, () -> Envelope.open("InboundMessage", tampered, key));
        Envelope.Sealed otherNonce = new Envelope.Sealed(
                sealed.v(), sealed.k(), Base64.getEncoder().encodeToString(new byte[12]), sealed.c());
        assertThrows(TamperedRecordException.class, () -> Envelope.open("InboundMessage", otherNonce, key));
    }

    @Test
    void wrongKeyIdOrTypeOrKeyFailsToOpen() throws Exception {
        SecretKey key = key();
        Envelope.Sealed sealed = Envelope.seal("InboundMessage", "msg:x:1", key, PLAIN);
        Envelope.Sealed movedToOtherKeyId = new Envelope.Sealed(sealed.v(), "msg:x:2", sealed.n(), sealed.c());
        assertThrows(TamperedRecordException.class, () -> Envelope.open("InboundMessage", movedToOtherKeyId, key));
        assertThrows(TamperedRecordException.class, () -> Envelope.open("TriagedReport", sealed, key));
        assertThrows(TamperedRecordException.class, () -> Envelope.open("InboundMessage", sealed, key()));
        assertThrows(
                TamperedRecordException.class,
                () -> Envelope.open("InboundMessage", new Envelope.Sealed(2, sealed.k(), sealed.n(), sealed.c()), key));
    }

    @Test
    void rotatedMasterKeysStillUnwrapOlderDataKeysAndWrapWithTheCurrentOne() {
        String k1 = MasterKeys.generateEntry("k1");
        String k2 = MasterKeys.generateEntry("k2");
        MasterKeys before = MasterKeys.parse(k1, null);
        byte[] material = new byte[32];
        material[0] = 7;
        byte[] wrappedByK1 = before.wrap("rpt:r1", material);

        MasterKeys after = MasterKeys.parse(k2 + "," + k1, "k2");
        assertEquals("k2", after.currentId());
        assertArrayEquals(material, after.unwrap("k1", "rpt:r1", wrappedByK1).getEncoded());
        byte[] wrappedByK2 = after.wrap("rpt:r1", material);
        assertArrayEquals(material, after.unwrap("k2", "rpt:r1", wrappedByK2).getEncoded());
        // A wrapped key is bound to its id: it cannot be moved to another data key's document.
        assertThrows(IllegalStateException.class, () -> after.unwrap("k2", "rpt:r2", wrappedByK2));
        // Once k1 is retired, what it wrapped no longer unwraps, and the error names the master key.
        IllegalStateException retired = assertThrows(
                IllegalStateException.class, () -> MasterKeys.parse(k2, null).unwrap("k1", "rpt:r1", wrappedByK1));
        assertTrue(retired.getMessage().contains("'k1'"));
    }

    @Test
    void missingOrShortMasterKeyStopsStartUpNamingIt() {
        IllegalStateException missing = assertThrows(IllegalStateException.class, () -> MasterKeys.parse("", null));
        assertTrue(missing.getMessage().contains("DMDESK_MASTER_KEYS"));
        String shortKey = "k9:" + Base64.getEncoder().encodeToString(new byte[16]);
        IllegalStateException tooShort =
                assertThrows(IllegalStateException.class, () -> MasterKeys.parse(shortKey, null));
        assertTrue(
                tooShort.getMessage().contains("'k9'") && tooShort.getMessage().contains("16 bytes"));
        assertTrue(!tooShort.getMessage().contains(shortKey.substring(3)), "the material is never in the message");
        IllegalStateException unknownCurrent =
                assertThrows(IllegalStateException.class, () -> MasterKeys.parse(MasterKeys.generateEntry("k1"), "k2"));
        assertTrue(unknownCurrent.getMessage().contains("'k2'"));
    }

    private static SecretKey key() throws Exception {
        KeyGenerator g = KeyGenerator.getInstance("AES");
        g.init(256);
        return g.generateKey();
    }
}
