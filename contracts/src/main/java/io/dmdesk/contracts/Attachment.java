package io.dmdesk.contracts;

/** Metadata of an attachment; the content itself stays on the platform. */
public record Attachment(String type, String url, String mediaId) {}
