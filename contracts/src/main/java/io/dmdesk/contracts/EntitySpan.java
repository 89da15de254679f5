package io.dmdesk.contracts;

/** A piece of personal data found in a text: its type, where it is, how sure, and which recogniser found it. */
public record EntitySpan(String type, int start, int end, double confidence, String recogniser) {}
