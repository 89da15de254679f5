package io.dmdesk.notifier;

import io.dmdesk.support.security.Role;
import io.dmdesk.support.security.RouteRule;
import io.dmdesk.support.security.RouteRules;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Who may call the notifier: replies to a citizen by operators and supervisors, or by a service on their behalf (X-Dmdesk-On-Behalf-Of). Anything not listed here or in RouteRules.COMMON is denied. */
@Configuration(proxyBeanMethods = false)
public class NotifierRoutes {

    @Bean
    RouteRules routeRules() {
        return RouteRules.of(RouteRule.roles("/api/reports/*/replies", Role.OPERATOR, Role.SUPERVISOR, Role.SERVICE));
    }
}
