package io.dmdesk.support.security;

import java.util.ArrayList;
import java.util.List;
import org.springframework.http.HttpMethod;

/**
 * A service's own access rules, contributed as a bean (one per service). The security chain evaluates
 * {@link #COMMON} first, then these in order, then denies everything else: a new endpoint without a rule is
 * closed until someone writes one.
 */
public record RouteRules(List<RouteRule> rules) {

    /**
     * Login and logout (with the login page's stylesheet and the favicon), health probes and Prometheus open;
     * the rest of actuator and /admin/** for ADMIN.
     */
    public static final List<RouteRule> COMMON = List.of(
            RouteRule.open(HttpMethod.GET, "/login"),
            RouteRule.open(HttpMethod.GET, "/login.css"),
            RouteRule.open(HttpMethod.GET, "/favicon.ico"),
            RouteRule.open(HttpMethod.GET, "/favicon.svg"),
            RouteRule.open(HttpMethod.POST, "/login"),
            RouteRule.open(HttpMethod.POST, "/logout"),
            RouteRule.open(HttpMethod.GET, "/actuator/health"),
            RouteRule.open(HttpMethod.GET, "/actuator/health/**"),
            RouteRule.open(HttpMethod.GET, "/actuator/prometheus"),
            RouteRule.roles("/actuator/**", Role.ADMIN),
            RouteRule.roles("/admin/**", Role.ADMIN));

    public RouteRules {
        rules = List.copyOf(rules);
    }

    public static RouteRules of(RouteRule... rules) {
        return new RouteRules(List.of(rules));
    }

    /** Common rules, then the service's, in evaluation order. */
    public List<RouteRule> withCommon() {
        List<RouteRule> all = new ArrayList<>(COMMON);
        all.addAll(rules);
        return List.copyOf(all);
    }
}
