package io.dmdesk.intake.publish;

import io.dmdesk.contracts.InboundMessage;

/**
 * Told of each message offered to {@link InboundPublisher}, published before or not (the connector health keeps
 * the newest platform time per account from it). Lets the publisher depend on no connector class.
 */
public interface HandOffListener {

    void offered(InboundMessage message);
}
