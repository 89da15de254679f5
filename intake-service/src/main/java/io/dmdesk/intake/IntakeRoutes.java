package io.dmdesk.intake;

import io.dmdesk.support.security.Role;
import io.dmdesk.support.security.RouteRule;
import io.dmdesk.support.security.RouteRules;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Who may call intake: platform webhooks are open (each checks the platform's signature or secret token); connector health is for the console, admins and services. Anything not listed here or in RouteRules.COMMON is denied. */
@Configuration(proxyBeanMethods = false)
public class IntakeRoutes {

    @Bean
    RouteRules routeRules() {
        return RouteRules.of(
                // X (CRC + signed events), Meta (verify token + X-Hub-Signature-256), Telegram (secret token header)
                RouteRule.open("/webhooks/**"),
                RouteRule.roles("/api/connectors", Role.OPERATOR, Role.SUPERVISOR, Role.ADMIN, Role.SERVICE),
                RouteRule.roles("/api/connectors/**", Role.OPERATOR, Role.SUPERVISOR, Role.ADMIN, Role.SERVICE));
    }
}
