package io.dmdesk.support.session;

import io.dmdesk.support.session.StoredSession.IdToken;
import io.dmdesk.support.session.StoredSession.PendingLogin;
import io.dmdesk.support.session.StoredSession.SignedIn;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.web.server.context.WebSessionServerSecurityContextRepository;

/**
 * Turns a session's attributes into the typed parts of a {@link StoredSession} and back. Only what the console's
 * sign-in needs crosses the store: the security context (form or OIDC), an OIDC login in progress and string
 * attributes (the saved request). Anything else stays out of the store, named in the log by attribute and type.
 */
final class SessionAttributes {

    static final String SECURITY_CONTEXT =
            WebSessionServerSecurityContextRepository.DEFAULT_SPRING_SECURITY_CONTEXT_ATTR_NAME;
    /** The claim the rebuilt OIDC user is named by, when it is not the subject. */
    private static final String NAME_CLAIM = "preferred_username";

    private static final Logger log = LoggerFactory.getLogger(SessionAttributes.class);
    private static final Set<String> warned = ConcurrentHashMap.newKeySet();

    private SessionAttributes() {}

    static SignedIn signedIn(Map<String, Object> attributes) {
        if (!(attributes.get(SECURITY_CONTEXT) instanceof SecurityContext context)
                || context.getAuthentication() == null
                || !context.getAuthentication().isAuthenticated()) {
            return null;
        }
        Authentication authentication = context.getAuthentication();
        List<String> authorities = authentication.getAuthorities().stream()
                .map(GrantedAuthority::getAuthority)
                .toList();
        if (authentication instanceof OAuth2AuthenticationToken oauth
                && oauth.getPrincipal() instanceof OidcUser user) {
            OidcIdToken token = user.getIdToken();
            return new SignedIn(
                    "oidc",
                    authentication.getName(),
                    authorities,
                    oauth.getAuthorizedClientRegistrationId(),
                    new IdToken(token.getTokenValue(), token.getSubject(), token.getIssuedAt(), token.getExpiresAt()));
        }
        if (authentication instanceof UsernamePasswordAuthenticationToken) {
            return new SignedIn("form", authentication.getName(), authorities, null, null);
        }
        skipped(SECURITY_CONTEXT, authentication);
        return null;
    }

    static PendingLogin pendingLogin(Map<String, Object> attributes) {
        for (Map.Entry<String, Object> e : attributes.entrySet()) {
            if (e.getValue() instanceof OAuth2AuthorizationRequest r) {
                return new PendingLogin(
                        e.getKey(),
                        r.getAuthorizationUri(),
                        r.getClientId(),
                        r.getRedirectUri(),
                        List.copyOf(r.getScopes()),
                        r.getState(),
                        stringValues(r.getAdditionalParameters()),
                        stringValues(r.getAttributes()),
                        r.getAuthorizationRequestUri());
            }
        }
        return null;
    }

    static Map<String, String> strings(Map<String, Object> attributes) {
        Map<String, String> strings = new LinkedHashMap<>();
        attributes.forEach((name, value) -> {
            if (value instanceof String s) {
                strings.put(name, s);
            } else if (!(value instanceof SecurityContext) && !(value instanceof OAuth2AuthorizationRequest)) {
                skipped(name, value);
            }
        });
        return strings;
    }

    /** The attributes a stored session starts a request with. */
    static Map<String, Object> attributes(StoredSession stored) {
        Map<String, Object> attributes = new HashMap<>(stored.attributes());
        if (stored.signedIn() != null) {
            attributes.put(SECURITY_CONTEXT, new SecurityContextImpl(authentication(stored.signedIn())));
        }
        PendingLogin p = stored.pendingLogin();
        if (p != null) {
            attributes.put(
                    p.attribute(),
                    OAuth2AuthorizationRequest.authorizationCode()
                            .authorizationUri(p.authorizationUri())
                            .clientId(p.clientId())
                            .redirectUri(p.redirectUri())
                            .scopes(Set.copyOf(p.scopes()))
                            .state(p.state())
                            .additionalParameters(Map.copyOf(p.additionalParameters()))
                            .attributes(Map.copyOf(p.attributes()))
                            .authorizationRequestUri(p.authorizationRequestUri())
                            .build());
        }
        return attributes;
    }

    private static Authentication authentication(SignedIn signedIn) {
        List<GrantedAuthority> authorities = signedIn.authorities().stream()
                .<GrantedAuthority>map(SimpleGrantedAuthority::new)
                .toList();
        if ("oidc".equals(signedIn.method())) {
            IdToken t = signedIn.idToken();
            // The ID token's value is kept whole (id_token_hint); of its claims only the subject and the name.
            Map<String, Object> claims = new LinkedHashMap<>();
            claims.put("sub", t.subject());
            String nameClaim = signedIn.name().equals(t.subject()) ? "sub" : NAME_CLAIM;
            claims.put(nameClaim, signedIn.name());
            OidcIdToken idToken = new OidcIdToken(t.value(), t.issuedAt(), t.expiresAt(), claims);
            return new OAuth2AuthenticationToken(
                    new DefaultOidcUser(authorities, idToken, nameClaim), authorities, signedIn.registrationId());
        }
        User principal = new User(signedIn.name(), "", authorities);
        principal.eraseCredentials();
        return UsernamePasswordAuthenticationToken.authenticated(principal, null, authorities);
    }

    private static Map<String, String> stringValues(Map<String, ?> values) {
        Map<String, String> strings = new LinkedHashMap<>();
        values.forEach((k, v) -> {
            if (v != null) {
                strings.put(k, v.toString());
            }
        });
        return strings;
    }

    private static void skipped(String attribute, Object value) {
        String type = value == null ? "null" : value.getClass().getName();
        if (warned.add(attribute + "|" + type)) {
            log.warn(
                    "Session attribute {} of type {} is not kept in the session store: it lasts one request",
                    attribute,
                    type);
        }
    }
}
