package io.dmdesk.intake.x;

import static io.dmdesk.intake.IntakeHarness.published;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dmdesk.intake.IntakeHarness;
import io.dmdesk.intake.connector.ConnectorHealth;
import io.dmdesk.support.credentials.CredentialStore;
import io.dmdesk.support.credentials.PlatformCredential;
import io.dmdesk.support.platform.AccountState;
import io.dmdesk.testsupport.TestUsers;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientResponseException;

/**
 * X user tokens that live 12 s in the sandbox (the configured ones too, from the sandbox's start), renewed by intake
 * 9 s ahead with the refresh-token grant (slack for a loaded CI machine, where a starved JVM can stall for seconds), over the real broker and store. DMs keep being pulled across several
 * expiries, and no request of the account is ever refused: the renewal leaves no gap. PC Jones's refresh token is
 * wrong: the renewal is refused, and the connector panel warns and names the re-connect step.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class XTokenRenewalTest {

    IntakeHarness harness;

    @BeforeAll
    void start() {
        harness = IntakeHarness.start(
                List.of(
                        "--sandbox.x.oauth.access-token-lifetime=PT12S",
                        "--sandbox.x.oauth.configured-tokens-expire=true"),
                "--intake.poll-interval=PT0.2S",
                "--dmdesk.credentials.check-interval=PT0.2S",
                "--dmdesk.credentials.reload-interval=PT0.2S",
                "--dmdesk.credentials.x.lead-time=PT9S",
                "--dmdesk.credentials.x.warn-before=PT2S",
                "--dmdesk.credentials.x.refresh-tokens.x-pcjones=not-the-refresh-token-of-pcjones");
    }

    @AfterAll
    void stop() {
        harness.close();
    }

    @Test
    void dmsKeepBeingPulledAcrossSeveralExpiriesWithoutOneRefusedRequest() {
        Instant begin = Instant.now();
        List<String> ids = new ArrayList<>();
        Set<String> tokensUsed = new HashSet<>();
        CredentialStore store = harness.intake.getBean(CredentialStore.class);
        // 20 s: more than one and a half lifetimes, a renewal every 3 s, each token used for a quarter of its life.
        while (Duration.between(begin, Instant.now()).compareTo(Duration.ofSeconds(20)) < 0) {
            Map<String, Object> dm = harness.citizenWrites(
                    "x", "dm", "DemoPolice", "renew_citizen", "my phone was stolen at the station " + ids.size());
            ids.add("x:" + dm.get("id"));
            store.find("x-demopolice").map(PlatformCredential::accessToken).ifPresent(tokensUsed::add);
            assertThat(harness.state("x-demopolice")).isNotEqualTo(AccountState.CREDENTIALS_INVALID);
            String last = ids.get(ids.size() - 1);
            await().atMost(Duration.ofSeconds(10)).until(() -> published(last), l -> l.size() == 1);
        }

        for (String id : ids) {
            assertThat(published(id)).as(id).hasSize(1);
        }
        assertThat(tokensUsed).as("access tokens renewed in the store").hasSizeGreaterThanOrEqualTo(4);
        assertThat(harness.requests("x", "DemoPolice").entries())
                .as("no request refused for its token")
                .noneMatch(e -> e.status() == 401);
        assertThat(harness.requests("x", "DemoPolice").admittedBetween(begin, Instant.now()))
                .isGreaterThan(20);
        double renewed = harness.intake
                .getBean(MeterRegistry.class)
                .get("dmdesk.credential.renewals")
                .tags("account", "x-demopolice", "outcome", "renewed")
                .counter()
                .count();
        assertThat(renewed).isGreaterThanOrEqualTo(4);
        double expiry = harness.intake
                .getBean(MeterRegistry.class)
                .get("dmdesk.credential.expiry.seconds")
                .tags("account", "x-demopolice")
                .gauge()
                .value();
        assertThat(expiry).isBetween(0.0, 12.0);
    }

    @Test
    void theRefreshTokenIsSpentByItsUseSoTheRotatedOneIsWhatIntakeKeeps() {
        await().atMost(Duration.ofSeconds(10))
                .until(() -> harness.intake
                        .getBean(CredentialStore.class)
                        .find("x-demopolice")
                        .map(c -> c.accessToken() != null)
                        .orElse(false));
        WebClient sandbox = WebClient.create(harness.sandboxUrl());
        // The configured refresh token was used on the first renewal: X (and the sandbox) refuse it now.
        assertThat(refresh(sandbox, "sandbox-x-refresh-token-demopolice")).isEqualTo(400);
        String stored = harness.intake
                .getBean(CredentialStore.class)
                .find("x-demopolice")
                .orElseThrow()
                .renewalToken();
        assertThat(stored).isNotEqualTo("sandbox-x-refresh-token-demopolice");
        // The store's PlatformCredential never prints a token.
        assertThat(harness.intake
                        .getBean(CredentialStore.class)
                        .find("x-demopolice")
                        .orElseThrow()
                        .toString())
                .doesNotContain(stored);
    }

    @Test
    void aRefusedRefreshShowsTheWarningAndTheReconnectStepInTheConnectorPanel() {
        await().atMost(Duration.ofSeconds(25))
                .until(() -> harness.state("x-pcjones") == AccountState.CREDENTIALS_INVALID);
        List<Map<String, Object>> connectors = WebClient.create(harness.intakeUrl())
                .get()
                .uri("/api/connectors")
                .header("Authorization", TestUsers.OPERATOR.basic())
                .retrieve()
                .bodyToMono(new ParameterizedTypeReference<List<Map<String, Object>>>() {})
                .block(Duration.ofSeconds(10));
        assertThat(connectors)
                .filteredOn(c -> "x-pcjones".equals(c.get("account")))
                .singleElement()
                .satisfies(c -> {
                    assertThat(c).containsEntry("credentialRenewed", true).containsEntry("credentialProblem", true);
                    assertThat((String) c.get("credentialWarning")).contains("re-connect");
                    assertThat((String) c.get("reconnectStep"))
                            .contains("offline.access")
                            .contains("X_REFRESH_TOKEN_PCJONES");
                });
        assertThat(connectors)
                .filteredOn(c -> "x-demopolice".equals(c.get("account")))
                .singleElement()
                .satisfies(c -> {
                    assertThat(c).containsEntry("credentialRenewed", true).containsEntry("credentialWarning", null);
                    assertThat(c.get("credentialExpiresAt")).isNotNull();
                });
        assertThat(harness.intake
                        .getBean(MeterRegistry.class)
                        .get("dmdesk.credential.reconnect.required")
                        .tags("account", "x-pcjones")
                        .gauge()
                        .value())
                .isEqualTo(1.0);
        // The same in the connector health (actuator details).
        Object jones = harness.intake
                .getBean(ConnectorHealth.class)
                .health()
                .getDetails()
                .get("x-pcjones");
        assertThat(jones).isInstanceOf(Map.class);
        assertThat(((Map<?, ?>) jones).keySet())
                .map(String::valueOf)
                .contains("credentialWarning", "reconnectStep", "credentialExpiresAt");
    }

    private static int refresh(WebClient sandbox, String refreshToken) {
        try {
            sandbox.post()
                    .uri("/x/2/oauth2/token")
                    .headers(h -> h.setBasicAuth("sandbox-x-client-id", "sandbox-x-client-secret"))
                    .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                    .bodyValue("grant_type=refresh_token&client_id=sandbox-x-client-id&refresh_token=" + refreshToken)
                    .retrieve()
                    .toBodilessEntity()
                    .block(Duration.ofSeconds(5));
            return 200;
        } catch (WebClientResponseException e) {
            return e.getStatusCode().value();
        }
    }
}
