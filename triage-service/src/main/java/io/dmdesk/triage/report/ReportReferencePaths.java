package io.dmdesk.triage.report;

import io.dmdesk.support.reports.ReportReferences;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Every report endpoint ({@code /api/reports/{id}}, {@code /api/console/reports/{id}/...}, the supervisor's) takes
 * the reference the citizen was given ({@code DMD-XXXX-XXXX}) as well as the report id: the path is rewritten to
 * the report id before the controllers see it, so none of them needs to know. It runs after Spring Security, which
 * has already checked the original path (the same prefix, so the same rule). An unknown reference is passed on as
 * it is and answered like an unknown id; one that two reports share (a 40-bit collision) is 409.
 */
@Component
class ReportReferencePaths implements WebFilter, Ordered {

    private static final Pattern PATH = Pattern.compile("^(/api/(?:console/(?:supervisor/)?)?reports/)([^/]+)(/.*)?$");

    private final ReportStore reports;

    ReportReferencePaths(ReportStore reports) {
        this.reports = reports;
    }

    @Override
    public int getOrder() {
        return 0; // Spring Security's filter chain is at -100
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String path = exchange.getRequest().getPath().pathWithinApplication().value();
        Matcher m = PATH.matcher(path);
        if (!m.matches() || !ReportReferences.isReference(m.group(2))) {
            return chain.filter(exchange);
        }
        String reference = ReportReferences.normalise(m.group(2));
        return Mono.fromCallable(() -> reports.reportIdsWithReference(reference))
                .subscribeOn(Schedulers.boundedElastic())
                .flatMap(ids -> {
                    if (ids.size() > 1) {
                        return Mono.error(new ResponseStatusException(
                                HttpStatus.CONFLICT, "several reports have this reference; use the report id"));
                    }
                    if (ids.isEmpty()) {
                        return chain.filter(exchange);
                    }
                    String rewritten = m.group(1) + ids.get(0) + (m.group(3) == null ? "" : m.group(3));
                    return chain.filter(exchange.mutate()
                            .request(r -> r.path(exchange.getRequest()
                                            .getPath()
                                            .contextPath()
                                            .value()
                                    + rewritten))
                            .build());
                });
    }
}
