package io.dmdesk.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dmdesk.testsupport.TestKafka;
import io.dmdesk.testsupport.TestMongo;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * X user tokens living 6 s in the sandbox, across services: intake renews them into the shared credential store,
 * notifier reads them from there and replies with them. Citizens keep writing over several token lifetimes; every
 * DM is acknowledged, and the sandbox refuses none of the account's requests (pulls by intake, sends by notifier).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TokenRenewalAcrossServicesTest {

    private Pipeline pipeline;
    private SandboxClient sandbox;

    @BeforeAll
    void start() {
        String shared = "e2e-credentials-" + UUID.randomUUID().toString().substring(0, 8);
        pipeline = new Pipeline(TestKafka.bootstrapServers(), TestMongo.connectionString())
                .startOnly(
                        List.of(
                                "--sandbox.x.oauth.access-token-lifetime=PT6S",
                                "--sandbox.x.oauth.configured-tokens-expire=true"),
                        List.of(
                                "--dmdesk.credentials.database=" + shared,
                                "--dmdesk.credentials.check-interval=PT0.2S",
                                "--dmdesk.credentials.reload-interval=PT0.2S",
                                "--dmdesk.credentials.x.lead-time=PT4.5S",
                                "--dmdesk.credentials.x.warn-before=PT2S"),
                        "notifier-service",
                        "triage-service",
                        "intake-service");
        sandbox = new SandboxClient(pipeline.sandboxUrl());
    }

    @AfterAll
    void stop() {
        pipeline.close();
    }

    @Test
    void everyDmIsAcknowledgedAcrossSeveralExpiriesWithRenewedTokensOnly() {
        Instant begin = Instant.now();
        List<String> citizens = new ArrayList<>();
        while (Duration.between(begin, Instant.now()).compareTo(Duration.ofSeconds(20)) < 0) {
            String citizen =
                    "tok" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
            sandbox.sendDm("DemoPolice", citizen, "someone stole my bike from the rack " + citizens.size());
            citizens.add(citizen);
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> !sandbox.repliesTo(citizen).isEmpty());
        }
        for (String citizen : citizens) {
            assertThat(sandbox.repliesTo(citizen)).as(citizen).isNotEmpty();
        }
        List<Map<String, Object>> requests = WebClient.create(pipeline.sandboxUrl())
                .get()
                .uri(u -> u.path("/control/requests")
                        .queryParam("platform", "x")
                        .queryParam("account", "DemoPolice")
                        .build())
                .retrieve()
                .bodyToMono(new ParameterizedTypeReference<List<Map<String, Object>>>() {})
                .block(Duration.ofSeconds(10));
        assertThat(requests)
                .as("requests of the account")
                .isNotEmpty()
                .anyMatch(r -> "send_message".equals(r.get("scope")))
                .noneMatch(r -> ((Number) r.get("status")).intValue() == 401);
    }
}
