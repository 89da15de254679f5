package io.dmdesk.support.security;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code dmdesk.security.*}: who can log in and how this service authenticates its own calls to other services.
 *
 * @param users            local user store (local stack and tests; bcrypt hashes, never plain passwords)
 * @param loginSuccessUrl  where a browser goes after logging in (triage: {@code /console/})
 * @param jwt              bearer tokens from an OIDC provider (resource server), on when {@code issuer-uri} is set
 * @param oidc             how roles and names are read from an OIDC login ({@code spring.security.oauth2.client.*})
 * @param client           credentials for outbound calls to other dmdesk services ({@code serviceAuthFilter})
 */
@ConfigurationProperties("dmdesk.security")
public record SecurityProperties(List<User> users, String loginSuccessUrl, Jwt jwt, Oidc oidc, Client client) {

    public SecurityProperties {
        users = users == null ? List.of() : List.copyOf(users);
        loginSuccessUrl = loginSuccessUrl == null || loginSuccessUrl.isBlank() ? "/" : loginSuccessUrl;
        jwt = jwt == null ? new Jwt(null, null, null, null, null) : jwt;
        oidc = oidc == null ? new Oidc(null, null, null) : oidc;
        client = client == null ? new Client(null, null, null, null) : client;
    }

    /** A local user: {@code password-hash} is a bcrypt hash ({@code $2a$}, {@code $2b$} or {@code $2y$}). */
    public record User(String username, String passwordHash, List<Role> roles) {
        public User {
            roles = roles == null ? List.of() : List.copyOf(roles);
        }
    }

    /**
     * @param issuerUri     the provider's issuer; tokens must carry it as {@code iss}
     * @param jwkSetUri     where the signing keys are (default: discovered from the issuer)
     * @param audience      when set, tokens must name it in {@code aud}
     * @param rolesClaim    dotted path of the claim holding role names (Keycloak: {@code realm_access.roles})
     * @param usernameClaim the claim naming the person or service (audit actor)
     */
    public record Jwt(URI issuerUri, URI jwkSetUri, String audience, String rolesClaim, String usernameClaim) {
        public Jwt {
            // An unset environment variable in a placeholder binds as an empty URI: treat it as not set.
            issuerUri = issuerUri == null || issuerUri.toString().isBlank() ? null : issuerUri;
            jwkSetUri = jwkSetUri == null || jwkSetUri.toString().isBlank() ? null : jwkSetUri;
            rolesClaim = rolesClaim == null || rolesClaim.isBlank() ? "realm_access.roles" : rolesClaim;
            usernameClaim = usernameClaim == null || usernameClaim.isBlank() ? "preferred_username" : usernameClaim;
        }

        public boolean enabled() {
            return issuerUri != null;
        }
    }

    /**
     * @param rolesClaim     dotted path of the roles claim in the ID token or user info
     * @param usernameClaim  the claim naming the person
     * @param endSessionUri  the provider's end-session endpoint for RP-initiated logout, when its metadata was not
     *                       discovered (Keycloak: {@code <issuer>/protocol/openid-connect/logout})
     */
    public record Oidc(String rolesClaim, String usernameClaim, URI endSessionUri) {
        public Oidc {
            endSessionUri = endSessionUri == null || endSessionUri.toString().isBlank() ? null : endSessionUri;
            rolesClaim = rolesClaim == null || rolesClaim.isBlank() ? "realm_access.roles" : rolesClaim;
            usernameClaim = usernameClaim == null || usernameClaim.isBlank() ? "preferred_username" : usernameClaim;
        }
    }

    /**
     * Outbound service-to-service credentials: HTTP Basic ({@code username}/{@code password}, local stack and
     * tests) or an OAuth2 client-credentials token from {@code registration-id} (a
     * {@code spring.security.oauth2.client.registration.<id>} with {@code authorization-grant-type:
     * client_credentials}).
     */
    public record Client(String username, String password, String registrationId, Duration timeout) {
        public Client {
            timeout = timeout == null ? Duration.ofSeconds(10) : timeout;
        }
    }
}
