package io.dmdesk.casebridge;

import io.dmdesk.support.security.RouteRules;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Who may call the case bridge: it has no API of its own, only the common actuator and /admin rules. Anything not listed here or in RouteRules.COMMON is denied. */
@Configuration(proxyBeanMethods = false)
public class CaseBridgeRoutes {

    @Bean
    RouteRules routeRules() {
        return RouteRules.of();
    }
}
