package io.dmdesk.support.security;

import java.util.EnumSet;
import java.util.Set;
import org.springframework.http.HttpMethod;

/**
 * One access rule: requests matching {@code method} (null = any) and the path {@code pattern} are open to
 * everyone ({@code open}) or need one of {@code roles}. Rules are evaluated in order; a request that matches
 * no rule is denied.
 */
public record RouteRule(HttpMethod method, String pattern, boolean open, Set<Role> roles) {

    public RouteRule {
        roles = roles.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(roles));
        if (!open && roles.isEmpty()) {
            throw new IllegalArgumentException("a closed route needs at least one role: " + pattern);
        }
    }

    /** Open to anyone, e.g. signature-protected webhooks and the health probe. */
    public static RouteRule open(String pattern) {
        return new RouteRule(null, pattern, true, Set.of());
    }

    public static RouteRule open(HttpMethod method, String pattern) {
        return new RouteRule(method, pattern, true, Set.of());
    }

    /** Any method, one of these roles. */
    public static RouteRule roles(String pattern, Role... roles) {
        return new RouteRule(null, pattern, false, Set.of(roles));
    }

    public static RouteRule roles(HttpMethod method, String pattern, Role... roles) {
        return new RouteRule(method, pattern, false, Set.of(roles));
    }

    public String[] authorities() {
        return roles.stream().sorted().map(Role::authority).toArray(String[]::new);
    }
}
