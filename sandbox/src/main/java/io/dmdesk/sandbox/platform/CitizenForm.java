package io.dmdesk.sandbox.platform;

/**
 * How the citizen page asks for a sender on one platform: a valid example it starts with, the rule (an HTML
 * {@code pattern}, checked again by the platform's {@link PlatformSimulator#receive}) and the longest text.
 *
 * @param exampleSender a sender the platform accepts, pre-filled on the page
 * @param senderPattern the handle rule as an HTML input pattern (whole value)
 * @param senderMaxLength the longest handle
 * @param senderHint the rule in words, shown under the field
 * @param maxTextLength the longest message the platform accepts
 */
public record CitizenForm(
        String exampleSender, String senderPattern, int senderMaxLength, String senderHint, int maxTextLength) {}
