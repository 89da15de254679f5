package io.dmdesk.support.credentials;

import java.time.Instant;

/**
 * A credential as renewed, one per key (an X account id, or {@code meta-page:<page id>} for every account read with
 * that page's token). Tokens are secrets: {@link #toString()} never shows them.
 *
 * @param key                 the credential's key
 * @param platform            platform code ({@code x}, {@code meta})
 * @param bootstrap           fingerprint of the configured credentials this chain started from; a different one
 *                            means a person re-connected the account, and the stored chain is dropped
 * @param accessToken         the token to call the platform with (X user token, Meta page token)
 * @param expiresAt           when the access token lapses, null when it does not expire
 * @param renewalToken        what renews it: X's rotating refresh token, Meta's long-lived user token
 * @param renewalExpiresAt    when the renewal token lapses (Meta user token), null when unknown or never
 * @param dataAccessExpiresAt Meta's data access expiry: only a person logging in again extends it
 * @param renewedAt           when the access token was obtained
 * @param reconnectRequired   renewal was refused: a person must re-connect the account
 * @param problem             why the last renewal failed, without any secret; null when it worked
 */
public record PlatformCredential(
        String key,
        String platform,
        String bootstrap,
        String accessToken,
        Instant expiresAt,
        String renewalToken,
        Instant renewalExpiresAt,
        Instant dataAccessExpiresAt,
        Instant renewedAt,
        boolean reconnectRequired,
        String problem) {

    /** The earliest time the account loses access unless renewed: the access token's or the data access expiry. */
    public Instant lapsesAt() {
        if (expiresAt == null) {
            return dataAccessExpiresAt;
        }
        return dataAccessExpiresAt == null || expiresAt.isBefore(dataAccessExpiresAt) ? expiresAt : dataAccessExpiresAt;
    }

    PlatformCredential failed(boolean reconnect, String why) {
        return new PlatformCredential(
                key,
                platform,
                bootstrap,
                accessToken,
                expiresAt,
                renewalToken,
                renewalExpiresAt,
                dataAccessExpiresAt,
                renewedAt,
                reconnect,
                why);
    }

    @Override
    public String toString() {
        return "PlatformCredential[key=" + key + ", platform=" + platform + ", expiresAt=" + expiresAt + ", renewedAt="
                + renewedAt + ", reconnectRequired=" + reconnectRequired + ", problem=" + problem + "]";
    }
}
