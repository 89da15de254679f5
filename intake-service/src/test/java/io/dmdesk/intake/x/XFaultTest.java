package io.dmdesk.intake.x;

import static io.dmdesk.intake.IntakeHarness.published;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dmdesk.contracts.Channel;
import io.dmdesk.contracts.InboundMessage;
import io.dmdesk.intake.IntakeHarness;
import io.dmdesk.intake.cursor.CursorStore;
import io.dmdesk.support.platform.AccountState;
import io.dmdesk.testsupport.TestUsers;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * X faults injected in the sandbox, over the real broker and store: webhook on, reconciling pull every 200 ms.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class XFaultTest {

    IntakeHarness harness;

    @BeforeAll
    void start() {
        harness = IntakeHarness.start(List.of(), "--intake.poll-interval=PT0.2S");
        harness.registerWebhook("x", XWebhookController.PATH);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> "valid".equals(harness.webhookStatus("x").get("crc")));
    }

    @AfterEach
    void heal() {
        harness.fault("x", "missed-webhook", null, false);
        harness.fault("x", "duplicate-webhook", null, false);
        harness.fault("x", "expired-token", "PCJonesDemo", false);
    }

    @AfterAll
    void stop() {
        harness.close();
    }

    @Test
    void missedWebhookIsRecoveredByTheReconcilingPull() {
        harness.fault("x", "missed-webhook", null, true);
        int missedBefore = ((Number) harness.webhookStatus("x").get("missed")).intValue();

        Map<String, Object> mention =
                harness.citizenWrites("x", "mention", "DemoPolice", "missed_mention", "someone is trying car doors");
        Map<String, Object> dm =
                harness.citizenWrites("x", "dm", "DemoPolice", "missed_dm", "I was threatened at the bus stop");

        assertThat(((Number) harness.webhookStatus("x").get("missed")).intValue())
                .isEqualTo(missedBefore + 2);
        InboundMessage fromPull = await().atMost(Duration.ofSeconds(30))
                .until(() -> published("x:" + mention.get("id")), l -> !l.isEmpty())
                .get(0);
        assertThat(fromPull.channel()).isEqualTo(Channel.PUBLIC);
        assertThat(fromPull.author().handle()).isEqualTo("missed_mention");
        await().atMost(Duration.ofSeconds(30)).until(() -> published("x:" + dm.get("id")), l -> l.size() == 1);
    }

    @Test
    void duplicateDeliveriesAndTheReconcilingPullYieldOneInboundMessage() {
        harness.fault("x", "duplicate-webhook", null, true);
        int deliveredBefore = ((Number) harness.webhookStatus("x").get("delivered")).intValue();

        Map<String, Object> dm = harness.citizenWrites("x", "dm", "DemoPolice", "dup_dm", "my bike was stolen");
        Map<String, Object> mention =
                harness.citizenWrites("x", "mention", "DemoPolice", "dup_mention", "graffiti on the school");

        // Both webhook deliveries of both messages answered, and several pulls have seen them too.
        await().atMost(Duration.ofSeconds(30))
                .until(() -> ((Number) harness.webhookStatus("x").get("delivered")).intValue() >= deliveredBefore + 4);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> harness.intake
                        .getBean(CursorStore.class)
                        .get("x-demopolice", XMentionsConnector.STREAM)
                        .map(c -> c.equals(mention.get("id")))
                        .orElse(false));
        await().pollDelay(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).until(() -> true);

        assertThat(published("x:" + dm.get("id"))).hasSize(1);
        assertThat(published("x:" + mention.get("id"))).hasSize(1);
    }

    @Test
    void expiredTokenShowsCredentialsInvalidWhileOtherAccountsKeepFlowingAndNothingIsLost() {
        harness.fault("x", "expired-token", "PCJonesDemo", true);
        // Missed too, so PC Jones's message can only come by pull: it must wait for the token, not be lost.
        harness.fault("x", "missed-webhook", null, true);
        Map<String, Object> toJones = harness.citizenWrites("x", "dm", "PCJonesDemo", "exp_jones", "noise complaint");

        await().atMost(Duration.ofSeconds(5))
                .until(() -> harness.state("x-pcjones") == AccountState.CREDENTIALS_INVALID);
        Map<String, Object> toForce = harness.citizenWrites("x", "dm", "DemoPolice", "exp_force", "lost wallet");
        await().atMost(Duration.ofSeconds(30)).until(() -> published("x:" + toForce.get("id")), l -> l.size() == 1);
        assertThat(harness.state("x-demopolice")).isEqualTo(AccountState.UP);
        assertThat(harness.state("x-pcjones")).isEqualTo(AccountState.CREDENTIALS_INVALID);
        assertThat(published("x:" + toJones.get("id"))).isEmpty();

        harness.fault("x", "expired-token", "PCJonesDemo", false); // the force renews the token
        await().atMost(Duration.ofSeconds(30)).until(() -> published("x:" + toJones.get("id")), l -> l.size() == 1);
        assertThat(harness.state("x-pcjones")).isEqualTo(AccountState.UP);
    }

    @Test
    void connectorsApiListsEachAccountWithItsTeamAndNamesACredentialProblem() {
        harness.fault("x", "expired-token", "PCJonesDemo", true);
        await().atMost(Duration.ofSeconds(5))
                .until(() -> harness.state("x-pcjones") == AccountState.CREDENTIALS_INVALID);
        await().atMost(Duration.ofSeconds(10)).until(() -> harness.state("x-demopolice") == AccountState.UP);

        List<Map<String, Object>> connectors = WebClient.create(
                        "http://localhost:" + harness.intake.getEnvironment().getProperty("local.server.port"))
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
                    assertThat(c)
                            .containsEntry("platform", "x")
                            .containsEntry("state", "CREDENTIALS_INVALID")
                            .containsEntry("credentialProblem", true);
                    assertThat(c.get("problem")).isNotNull();
                });
        assertThat(connectors)
                .filteredOn(c -> "x-demopolice".equals(c.get("account")))
                .singleElement()
                .satisfies(c -> {
                    assertThat(c)
                            .containsEntry("state", "UP")
                            .containsEntry("credentialProblem", false)
                            .containsEntry("team", "contact-centre");
                    assertThat(c.get("lastSuccess")).isNotNull();
                    assertThat(((Number) c.get("rateLimitRemaining")).longValue())
                            .isGreaterThanOrEqualTo(0);
                });
    }
}
