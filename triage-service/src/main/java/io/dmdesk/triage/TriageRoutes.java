package io.dmdesk.triage;

import io.dmdesk.support.security.Role;
import io.dmdesk.support.security.RouteRule;
import io.dmdesk.support.security.RouteRules;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Who may call triage: the console for operators and supervisors (supervisor-only actions apart); the queue, reports and classification also for services. Anything not listed here or in RouteRules.COMMON is denied. */
@Configuration(proxyBeanMethods = false)
public class TriageRoutes {

    @Bean
    RouteRules routeRules() {
        return RouteRules.of(
                RouteRule.roles("/console", Role.OPERATOR, Role.SUPERVISOR),
                RouteRule.roles("/console/**", Role.OPERATOR, Role.SUPERVISOR),
                RouteRule.roles("/api/console/supervisor/**", Role.SUPERVISOR),
                RouteRule.roles("/api/console/**", Role.OPERATOR, Role.SUPERVISOR),
                RouteRule.roles("/api/erasure-requests", Role.SUPERVISOR),
                RouteRule.roles("/api/queue", Role.OPERATOR, Role.SUPERVISOR, Role.SERVICE),
                RouteRule.roles("/api/reports/**", Role.OPERATOR, Role.SUPERVISOR, Role.SERVICE),
                RouteRule.roles("/api/triage/classify", Role.OPERATOR, Role.SUPERVISOR, Role.SERVICE));
    }
}
