package io.dmdesk.support.security;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** Roles from a token's or ID token's claims: a dotted path to a list (or space/comma separated string). */
final class Claims {

    static Set<GrantedAuthority> roles(Map<String, Object> claims, String path) {
        Object value = claims;
        for (String part : path.split("\\.")) {
            if (!(value instanceof Map<?, ?> map)) {
                return Set.of();
            }
            value = map.get(part);
        }
        Collection<?> names = value instanceof Collection<?> c
                ? c
                : value instanceof String s ? List.of(s.split("[\\s,]+")) : List.of();
        Set<GrantedAuthority> authorities = new LinkedHashSet<>();
        for (Object name : names) {
            String role = String.valueOf(name).trim().toUpperCase(Locale.ROOT);
            role = role.startsWith("ROLE_") ? role.substring(5) : role;
            for (Role known : Role.values()) {
                // Only dmdesk's own roles become authorities; a provider's other roles mean nothing here.
                if (known.name().equals(role)) {
                    authorities.add(new SimpleGrantedAuthority(known.authority()));
                }
            }
        }
        return authorities;
    }

    static String name(Map<String, Object> claims, String claim, String fallback) {
        Object value = claims.get(claim);
        return value instanceof String s && !s.isBlank() ? s : fallback;
    }

    private Claims() {}
}
