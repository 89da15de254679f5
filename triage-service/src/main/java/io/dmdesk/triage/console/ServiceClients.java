package io.dmdesk.triage.console;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientRequestException;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Mono;

/**
 * The console's calls to other dmdesk services: operator replies through the notifier, connector health from
 * intake. Both carry the service credentials ({@code serviceAuthFilter} from service-support, when present);
 * a reply names the person it is sent for, whom the notifier audits.
 */
@Component
class ServiceClients {

    static final String ON_BEHALF_OF = "X-Dmdesk-On-Behalf-Of";
    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final ParameterizedTypeReference<Map<String, Object>> MAP = new ParameterizedTypeReference<>() {};
    private static final ParameterizedTypeReference<List<Map<String, Object>>> LIST =
            new ParameterizedTypeReference<>() {};

    private final WebClient notifier;
    private final WebClient intake;

    ServiceClients(
            ConsoleProperties properties,
            @Qualifier("serviceAuthFilter") ObjectProvider<ExchangeFilterFunction> serviceAuth) {
        ExchangeFilterFunction auth = serviceAuth.getIfAvailable(() -> (request, next) -> next.exchange(request));
        this.notifier = WebClient.builder()
                .baseUrl(properties.getNotifierUrl().toString())
                .filter(auth)
                .build();
        this.intake = WebClient.builder()
                .baseUrl(properties.getIntakeUrl().toString())
                .filter(auth)
                .build();
    }

    /** The notifier's answer: 201 sent, 422 not sent (e.g. cannot reply on this channel), 404 no such report. */
    Mono<Reply> reply(String reportId, String person, String idempotencyKey, String text) {
        return notifier.post()
                .uri("/api/reports/{id}/replies", reportId)
                .header("Idempotency-Key", idempotencyKey)
                .header(ON_BEHALF_OF, person)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("text", text))
                .exchangeToMono(response -> response.bodyToMono(MAP)
                        .defaultIfEmpty(Map.of())
                        .map(body -> new Reply(response.statusCode().value(), body)))
                .timeout(TIMEOUT)
                .onErrorMap(
                        WebClientRequestException.class,
                        e -> new ResponseStatusException(HttpStatus.BAD_GATEWAY, "notifier-service unreachable"));
    }

    Mono<List<Map<String, Object>>> connectors() {
        return intake.get()
                .uri("/api/connectors")
                .retrieve()
                .bodyToMono(LIST)
                .timeout(Duration.ofSeconds(5))
                .onErrorMap(
                        e -> !(e instanceof ResponseStatusException),
                        e -> new ResponseStatusException(
                                HttpStatus.BAD_GATEWAY, "intake-service unreachable or failing"));
    }

    record Reply(int status, Map<String, Object> body) {}
}
