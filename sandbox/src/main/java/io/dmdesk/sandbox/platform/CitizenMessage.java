package io.dmdesk.sandbox.platform;

/** What a person (or a test) asks the sandbox to send as a citizen; senderName may be null. */
public record CitizenMessage(String channel, String account, String sender, String senderName, String text) {}
