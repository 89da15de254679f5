package io.dmdesk.intake.webhook;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The raw bytes of a delivery: signatures are over the exact bytes sent, so the body is never parsed and
 * re-serialised before it is verified. Reading stops at the size limit instead of buffering an attacker's body.
 */
public final class WebhookBody {

    private WebhookBody() {}

    public static Mono<byte[]> read(Flux<DataBuffer> body, int maxBytes) {
        return DataBufferUtils.join(body, maxBytes)
                .map(buffer -> {
                    byte[] bytes = new byte[buffer.readableByteCount()];
                    buffer.read(bytes);
                    DataBufferUtils.release(buffer);
                    return bytes;
                })
                .defaultIfEmpty(new byte[0])
                .onErrorMap(DataBufferLimitException.class, e -> new TooLarge());
    }

    /** The delivery exceeded {@code intake.webhooks.max-body-bytes}. */
    public static final class TooLarge extends RuntimeException {
        TooLarge() {
            super("webhook body too large", null, false, false);
        }
    }
}
