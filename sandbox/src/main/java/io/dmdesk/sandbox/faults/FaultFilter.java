package io.dmdesk.sandbox.faults;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
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

    /** A Graph API read: {@code GET /meta/{version}/{node}/{edge}}. */
    private static final Pattern GRAPH_READ = Pattern.compile("^/meta/[^/]+/([^/]+)/[^/]+$");

    private final Faults faults;
    private final GraphPages pages;
    private final RequestLog requests;

    FaultFilter(Faults faults, GraphPages pages, RequestLog requests) {
        this.faults = faults;
        this.pages = pages;
        this.requests = requests;
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
                        RateLimitAnswer answer = graphReadThrottled(exchange, path, fault)
                                .orElseGet(() -> RateLimitAnswer.of(path, fault, faults.now()));
                        response.setStatusCode(HttpStatus.valueOf(answer.status()));
                        response.getHeaders().addAll(answer.headers());
                        byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
                        return response.writeWith(
                                Mono.just(response.bufferFactory().wrap(body)));
                    }
                    response.setStatusCode(HttpStatus.valueOf(fault.status()));
                    byte[] body = ("{\"error\":\"injected_fault\",\"status\":" + fault.status() + "}")
                            .getBytes(StandardCharsets.UTF_8);
                    return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
                })))
                .orElseGet(() -> chain.filter(exchange));
    }

    /**
     * A Graph read of a known page answers as Graph throttles reads (Send API posts keep their 80006 answer), and is
     * recorded in the request log under the page id with the regain time the client reads from the headers.
     */
    private Optional<RateLimitAnswer> graphReadThrottled(ServerWebExchange exchange, String path, Fault fault) {
        Matcher read = GRAPH_READ.matcher(path);
        if (exchange.getRequest().getMethod() != HttpMethod.GET || !read.matches()) {
            return Optional.empty();
        }
        return pages.pageIdOfNode(read.group(1)).map(pageId -> {
            Instant now = faults.now();
            long minutes = RateLimitAnswer.regainMinutes(fault, now);
            requests.rateLimited("meta", pageId, "page", now.plusSeconds(minutes * 60));
            return RateLimitAnswer.graphRead(pageId, minutes);
        });
    }
}
