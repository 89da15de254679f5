package io.dmdesk.e2e;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;

/** What a person does with the sandbox's control API: write as a citizen, read replies and case records. */
final class SandboxClient {

    private static final ParameterizedTypeReference<List<Map<String, Object>>> LIST =
            new ParameterizedTypeReference<>() {};

    private final WebClient http;

    SandboxClient(String baseUrl) {
        this.http = WebClient.builder().baseUrl(baseUrl).build();
    }

    Map<?, ?> sendDm(String account, String sender, String text) {
        return http.post()
                .uri("/control/messages")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("platform", "x", "channel", "dm", "account", account, "sender", sender, "text", text))
                .retrieve()
                .bodyToMono(Map.class)
                .block(Duration.ofSeconds(10));
    }

    List<Map<String, Object>> repliesTo(String recipient) {
        return http.get()
                .uri(u -> u.path("/control/replies")
                        .queryParam("recipient", recipient)
                        .build())
                .retrieve()
                .bodyToMono(LIST)
                .block(Duration.ofSeconds(10));
    }

    void fault(String target, Map<String, Object> fault) {
        http.put()
                .uri("/control/faults/{target}", target)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(fault)
                .retrieve()
                .toBodilessEntity()
                .block(Duration.ofSeconds(10));
    }

    void clearFault(String target) {
        http.delete()
                .uri("/control/faults/{target}", target)
                .retrieve()
                .toBodilessEntity()
                .block(Duration.ofSeconds(10));
    }

    List<Map<String, Object>> cases() {
        return http.get().uri("/control/cases").retrieve().bodyToMono(LIST).block(Duration.ofSeconds(10));
    }
}
