package io.dmdesk.contracts;

/**
 * An exception whose message is written to carry no personal data (ids, codes, counts, status codes, field names
 * of the contract; never message text or what a caller sent). {@link ErrorText} passes such messages on to DLQ
 * headers; of every other exception it keeps only the class name.
 */
public interface SafeMessage {}
