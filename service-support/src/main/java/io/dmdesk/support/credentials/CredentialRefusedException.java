package io.dmdesk.support.credentials;

/** The platform refused the renewal itself (revoked consent, spent refresh token): only a person can re-connect. */
class CredentialRefusedException extends RuntimeException {

    CredentialRefusedException(String reason) {
        super(reason, null, false, false);
    }
}
