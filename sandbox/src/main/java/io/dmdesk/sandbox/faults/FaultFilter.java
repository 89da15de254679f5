package io.dmdesk.sandbox.faults;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/** Applies an active fault before the simulated API sees the request: delay, then fail or pass through. */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class FaultFilter implements WebFilter {

    private final Faults faults;

    FaultFilter(Faults faults) {
        this.faults = faults;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        return faults.forPath(exchange.getRequest().getPath().value())
                .map(fault -> Mono.delay(Duration.ofMillis(fault.delayMs())).then(Mono.defer(() -> {
                    if (fault.status() == 0) {
                        return chain.filter(exchange);
                    }
                    var response = exchange.getResponse();
                    String path = exchange.getRequest().getPath().value();
                    faults.answered(path);
                    response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
                    if (fault.status() == 429) {
                        RateLimitAnswer answer = RateLimitAnswer.of(path, fault, faults.now());
                        response.setStatusCode(HttpStatus.valueOf(answer.status()));
                        response.getHeaders().addAll(answer.headers());
                        byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
                        return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
                    }
                    response.setStatusCode(HttpStatus.valueOf(fault.status()));
                    byte[] body = ("{\"error\":\"injected_fault\",\"status\":" + fault.status() + "}")
                            .getBytes(StandardCharsets.UTF_8);
                    return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
                })))
                .orElseGet(() -> chain.filter(exchange));
    }
}
