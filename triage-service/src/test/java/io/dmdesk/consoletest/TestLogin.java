package io.dmdesk.consoletest;

import java.security.Principal;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpCookie;
import org.springframework.web.server.WebFilter;
import reactor.core.publisher.Mono;

/**
 * Stands in for the login in tests of the console alone: the person named by header {@code X-Test-User} (or
 * cookie {@code test-user}, for a browser) is the principal. Never part of the service; the real login is the
 * security module's (service-support), tested there.
 */
@Configuration
public class TestLogin {

    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    WebFilter testPrincipal() {
        return (exchange, chain) -> {
            String user = exchange.getRequest().getHeaders().getFirst("X-Test-User");
            HttpCookie cookie = exchange.getRequest().getCookies().getFirst("test-user");
            String name = user != null ? user : cookie != null ? cookie.getValue() : null;
            if (name == null) {
                return chain.filter(exchange);
            }
            Principal principal = () -> name;
            return chain.filter(exchange.mutate().principal(Mono.just(principal)).build());
        };
    }
}
