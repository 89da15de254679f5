package io.dmdesk.support.credentials;

import java.time.Instant;

/**
 * What the connector panel shows about an account's credential.
 *
 * @param renewed       the credential is renewed automatically (configured refresh / user token)
 * @param expiresAt     when access lapses unless renewed (null: never, or not known yet)
 * @param warning       set when access lapses within the warning time and renewal has not taken care of it, or a
 *                      person must re-connect; null otherwise
 * @param reconnectStep what a person does to re-connect the account (shown with a warning)
 */
public record CredentialStatus(boolean renewed, Instant expiresAt, String warning, String reconnectStep) {

    public static final CredentialStatus NOT_RENEWED = new CredentialStatus(false, null, null, null);
}
