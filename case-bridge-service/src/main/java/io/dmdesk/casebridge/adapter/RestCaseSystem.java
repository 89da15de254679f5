package io.dmdesk.casebridge.adapter;

import io.dmdesk.contracts.TriagedReport;
import io.dmdesk.support.kafka.DependencyUnavailableException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.util.concurrent.TimeoutException;
import reactor.core.Exceptions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientRequestException;
import org.springframework.web.reactive.function.client.WebClientResponseException;

/**
 * A case system with a REST/JSON API: {@code POST /v1/records} with an {@code Idempotency-Key} equal to the
 * report id, so a retry after a lost answer returns the record already opened instead of a second one.
 */
@Component
class RestCaseSystem implements CaseSystem {

    private final WebClient http;
    private final RestCaseSystemProperties properties;
    private final CircuitBreaker breaker;

    RestCaseSystem(RestCaseSystemProperties properties, CircuitBreakerRegistry breakers) {
        this.properties = properties;
        this.http = WebClient.builder().baseUrl(properties.baseUrl().toString()).build();
        this.breaker = breakers.circuitBreaker("case-system");
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

    private String post(TriagedReport report) {
        try {
            Map<?, ?> answer = http.post().uri("/v1/records")
                    .header(HttpHeaders.AUTHORIZATION, "Bearer " + properties.token())
                    .header("Idempotency-Key", report.reportId())
                    .contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(body(report))
                    .retrieve()
                    .bodyToMono(Map.class)
                    .timeout(properties.timeout())
                    .block();
            Object reference = answer == null ? null : answer.get("reference");
            if (reference == null) {
                throw new IllegalStateException("case system answered without a reference");
            }
            return reference.toString();
        } catch (WebClientResponseException e) {
            int status = e.getStatusCode().value();
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

    /** The occurrence: who reported on which platform, what, when, how urgent. */
    private static Map<String, Object> body(TriagedReport r) {
        Map<String, Object> reporter = new LinkedHashMap<>();
        reporter.put("platform", r.source().platform().code());
        reporter.put("handle", r.source().author().handle());
        reporter.put("displayName", r.source().author().displayName());
        reporter.put("platformUserId", r.source().author().id());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("externalId", r.reportId());
        body.put("title", r.category() + " reported via " + r.source().platform().code() + " (" + r.reference() + ")");
        body.put("category", r.category().name());
        body.put("urgency", r.urgency().name());
        body.put("occurredAt", r.source().platformTimestamp().toString());
        body.put("reporter", reporter);
        body.put("narrative", r.source().text());
        body.put("attachments", r.source().attachments());
        body.put("source", Map.of("reference", r.reference(), "channel", r.source().channel().name(),
                "account", r.source().account().id(), "team", nullSafe(r.routing().team()),
                "district", nullSafe(r.routing().district()), "reasons", List.copyOf(r.reasons())));
        return body;
    }

    private static String nullSafe(String s) {
        return s == null ? "" : s;
    }
}
