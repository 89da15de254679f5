package io.dmdesk.support.security;

import java.security.Principal;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * The person behind a request. A dmdesk service acting for a person (console -> notifier reply) sends
 * {@value #HEADER}: that person's username. The header is trusted only from an authenticated SERVICE
 * principal; from anyone else it is refused (403), so a person cannot act in another's name.
 */
public final class OnBehalfOf {

    public static final String HEADER = "X-Dmdesk-On-Behalf-Of";

    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9._@+-]{1,128}");

    /** The acting person's name: the header's from a SERVICE principal, otherwise the principal's own. */
    public static Mono<String> person(ServerWebExchange exchange) {
        return exchange.getPrincipal()
                .switchIfEmpty(Mono.error(() -> new ResponseStatusException(HttpStatus.UNAUTHORIZED)))
                .map(principal ->
                        resolve(principal, exchange.getRequest().getHeaders().getFirst(HEADER)));
    }

    static String resolve(Principal principal, String header) {
        if (header == null) {
            return principal.getName();
        }
        if (!isService(principal)) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN, HEADER + " is accepted from services only");
        }
        if (!USERNAME.matcher(header).matches()) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, HEADER + " must be a username");
        }
        return header;
    }

    static boolean isService(Principal principal) {
        return principal instanceof Authentication a
                && a.isAuthenticated()
                && a.getAuthorities().stream()
                        .anyMatch(g -> Role.SERVICE.authority().equals(g.getAuthority()));
    }

    /** Refuses the header from anyone but a service on every route, before any handler runs. */
    static WebFilter filter() {
        return (ServerWebExchange exchange, WebFilterChain chain) -> {
            if (!exchange.getRequest().getHeaders().containsHeader(HEADER)) {
                return chain.filter(exchange);
            }
            return exchange.getPrincipal()
                    .filter(OnBehalfOf::isService)
                    .hasElement()
                    .flatMap(service -> {
                        if (!service) {
                            exchange.getResponse().setStatusCode(HttpStatus.FORBIDDEN);
                            return exchange.getResponse().setComplete();
                        }
                        return chain.filter(exchange);
                    });
        };
    }

    private OnBehalfOf() {}
}
