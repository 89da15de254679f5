package io.dmdesk.support.session;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A browser session as the store keeps it: named by a digest of its id (the id itself, which is the cookie, is never
 * stored), who signed in with it (typed, never Java serialisation) and its few plain attributes.
 *
 * @param idHash     SHA-256 of the session id, hex
 * @param expiresAt  the earlier of last access plus idle timeout and creation plus absolute timeout
 * @param signedIn   who the session authenticates, or null while nobody has signed in
 * @param attributes string attributes, e.g. the page to return to after login
 * @param pendingLogin an OIDC login in progress (between the redirect to the provider and its callback), or null
 */
record StoredSession(
        String idHash,
        Instant created,
        Instant lastAccess,
        Duration maxIdle,
        Instant expiresAt,
        SignedIn signedIn,
        Map<String, String> attributes,
        PendingLogin pendingLogin) {

    StoredSession {
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    }

    /**
     * @param method      {@code form} or {@code oidc}
     * @param name        the principal name (audit actor)
     * @param authorities granted authority names
     * @param registrationId the OIDC client registration the person signed in with ({@code oidc} only)
     * @param idToken     the provider's ID token ({@code oidc} only), kept for RP-initiated logout's id_token_hint
     */
    record SignedIn(String method, String name, List<String> authorities, String registrationId, IdToken idToken) {
        SignedIn {
            authorities = authorities == null ? List.of() : List.copyOf(authorities);
        }
    }

    record IdToken(String value, String subject, Instant issuedAt, Instant expiresAt) {}

    /** An OAuth2 authorization request: every field the callback checks (state, nonce, PKCE verifier). */
    record PendingLogin(
            String attribute,
            String authorizationUri,
            String clientId,
            String redirectUri,
            List<String> scopes,
            String state,
            Map<String, String> additionalParameters,
            Map<String, String> attributes,
            String authorizationRequestUri) {}
}
