package io.dmdesk.e2e;

import java.security.Principal;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpCookie;
import org.springframework.web.server.WebFilter;
import reactor.core.publisher.Mono;

/**
 * Stand-in login for the browser test while no security module serves {@code /login}: the cookie
 * {@code test-user} names the principal. Only added to triage by the test, and only when {@code /login} is
 * absent; never part of a service.
 */
@Configuration
public class CookieLogin {

    static final String COOKIE = "test-user";

    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    WebFilter cookiePrincipal() {
        return (exchange, chain) -> {
            HttpCookie cookie = exchange.getRequest().getCookies().getFirst(COOKIE);
            if (cookie == null) {
                return chain.filter(exchange);
            }
            Principal principal = cookie::getValue;
            return chain.filter(exchange.mutate().principal(Mono.just(principal)).build());
        };
    }
}
