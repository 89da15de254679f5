package io.dmdesk.audit.integrity;

/**
 * The newest entry of one chain: what a checkpoint signs for every chain, and what verification reports.
 *
 * @param chain the chain (the audit.events partition its entries were consumed from)
 * @param seq   the entry's position in that chain
 * @param hash  the entry's hash
 */
public record Head(int chain, long seq, String hash) {}
