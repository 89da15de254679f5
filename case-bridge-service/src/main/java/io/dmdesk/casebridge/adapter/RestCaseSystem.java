package io.dmdesk.casebridge.adapter;

import io.dmdesk.contracts.TriagedReport;
import io.dmdesk.support.errors.DependencyUnavailableException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientRequestException;
import org.springframework.web.reactive.function.client.WebClientResponseException;
import reactor.core.Exceptions;

/**
 * A case system with a REST/JSON API: {@code POST /v1/records} with an {@code Idempotency-Key} equal to the
 * report id, so a retry after a lost answer returns the record already opened instead of a second one.
 */
@Component
class RestCaseSystem implements CaseSystem {

    private final WebClient http;
    private final RestCaseSystemProperties properties;
    private final CircuitBreaker breaker;
    private final CaseSystemTokens tokens;
    private final CaseMapping mapping;

    RestCaseSystem(RestCaseSystemProperties properties, CircuitBreakerRegistry breakers) {
        this.properties = properties;
        this.mapping = CaseMapping.parse(properties.mapping()); // a bad mapping stops start-up, naming the key
        // Mutual TLS, when configured, for the records API and the token endpoint alike.
        this.http = CaseSystemTls.builder(properties.tls())
                .baseUrl(properties.baseUrl().toString())
                .build();
        this.breaker = breakers.circuitBreaker("case-system");
        this.tokens = new CaseSystemTokens(
                properties, CaseSystemTls.builder(properties.tls()).build());
    }

    @Override
    public String name() {
        return properties.name();
    }

    /**
     * Opens the record. An outage (5xx, 408/429, timeout, connection refused, or the circuit open after
     * repeated failures) is a {@link DependencyUnavailableException}: the report waits in Kafka. Any other
     * 4xx is a {@link CaseRejectedException}: the report goes to the DLQ.
     */
    @Override
    public String openRecord(TriagedReport report) {
        try {
            return breaker.executeSupplier(() -> post(report));
        } catch (CallNotPermittedException e) {
            throw new DependencyUnavailableException("case system circuit open", e);
        }
    }

    @Override
    public void addNote(String caseReference, TriagedReport revision) {
        try {
            breaker.executeRunnable(() -> call(() -> http.post()
                    .uri("/v1/records/{reference}/notes", caseReference)
                    .headers(h -> h.setBearerAuth(tokens.token()))
                    .header("Idempotency-Key", revision.reportId() + ":rev" + revision.revision())
                    .contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(Map.of(
                            "author",
                            "dm-desk",
                            "text",
                            "Revision " + revision.revision() + " (" + revision.urgency() + ", " + revision.category()
                                    + "): " + revision.source().text()))
                    .retrieve()
                    .bodyToMono(Map.class)
                    .timeout(properties.timeout())
                    .block()));
        } catch (CallNotPermittedException e) {
            throw new DependencyUnavailableException("case system circuit open", e);
        }
    }

    private String post(TriagedReport report) {
        Map<?, ?> answer = call(() -> http.post()
                .uri("/v1/records")
                .headers(h -> h.setBearerAuth(tokens.token()))
                .header("Idempotency-Key", report.reportId())
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(mapping.body(report))
                .retrieve()
                .bodyToMono(Map.class)
                .timeout(properties.timeout())
                .block());
        Object reference = answer == null ? null : answer.get("reference");
        if (reference == null) {
            throw new IllegalStateException("case system answered without a reference");
        }
        return reference.toString();
    }

    private <T> T call(Supplier<T> request) {
        try {
            return request.get();
        } catch (WebClientResponseException e) {
            int status = e.getStatusCode().value();
            if (status == 401) {
                tokens.invalidate(); // an expired or revoked token: fetch a new one on the retry
                throw new DependencyUnavailableException("case system refused our credentials", e);
            }
            if (e.getStatusCode().is4xxClientError() && status != 429 && status != 408) {
                throw new CaseRejectedException("case system refused the report: " + status);
            }
            throw new DependencyUnavailableException("case system answered " + status, e);
        } catch (WebClientRequestException e) {
            throw new DependencyUnavailableException("case system unreachable", e);
        } catch (RuntimeException e) {
            if (Exceptions.unwrap(e) instanceof TimeoutException) {
                throw new DependencyUnavailableException("case system did not answer in " + properties.timeout(), e);
            }
            throw e;
        }
    }
}
