package io.dmdesk.intake.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Known vectors. X's published CRC example (developer relations gist "Creates a valid CRC response for Twitter
 * webhook integration"): consumer secret {@code z3ZX4v7m...}, token {@code 9b4507b3-...}; expected values were
 * computed independently with Python's hmac module, not with this code.
 */
class HmacTest {

    @Test
    void crcAnswerMatchesXsPublishedExample() {
        assertThat(Hmac.base64Signature(
                        "z3ZX4v7mAAUGykl3EcmkqbartmuW8VFOOzCloLx9Q45P0hLrFu",
                        "9b4507b3-9040-4669-9ca3-6b94edb50553".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("sha256=Cytd4Sq+NvEcV3MMrXxWJGJx5A+y/lXzzU2Maartkx8=");
    }

    @Test
    void metaStyleSignatureIsLowerCaseHexOfTheSameMac() {
        assertThat(Hmac.hexSignature(
                        "sandbox-x-consumer-secret",
                        "9b4507b3-9040-4669-9ca3-6b94edb50553".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("sha256=3d9da0f6c146a64c6f7414d34849ac1ad64d07ba502c64ecad968fadada2000d");
    }

    @Test
    void comparisonRejectsAnythingButTheExactSignature() {
        String good = "sha256=Cytd4Sq+NvEcV3MMrXxWJGJx5A+y/lXzzU2Maartkx8=";
        assertThat(Hmac.same(good, good)).isTrue();
        assertThat(Hmac.same(good, " " + good + " ")).isTrue();
        assertThat(Hmac.same(good, good.toLowerCase())).isFalse();
        assertThat(Hmac.same(good, good.substring(0, good.length() - 1))).isFalse();
        assertThat(Hmac.same(good, null)).isFalse();
        assertThat(Hmac.same(good, "")).isFalse();
    }
}
