package io.dmdesk.audit;

import io.dmdesk.support.security.Role;
import io.dmdesk.support.security.RouteRule;
import io.dmdesk.support.security.RouteRules;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Who may call the audit service: the auditor's API for auditors (and admins, who verify the trail). Anything not listed here or in RouteRules.COMMON is denied. */
@Configuration(proxyBeanMethods = false)
public class AuditRoutes {

    @Bean
    RouteRules routeRules() {
        return RouteRules.of(RouteRule.roles("/api/audit/**", Role.AUDITOR, Role.ADMIN));
    }
}
