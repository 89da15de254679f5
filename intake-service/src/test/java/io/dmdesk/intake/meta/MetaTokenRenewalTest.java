package io.dmdesk.intake.meta;

import static io.dmdesk.intake.IntakeHarness.published;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dmdesk.intake.IntakeHarness;
import io.dmdesk.support.credentials.CredentialStore;
import io.dmdesk.support.credentials.PlatformCredential;
import io.dmdesk.support.platform.AccountState;
import io.dmdesk.testsupport.TestUsers;
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
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Meta page tokens that live 12 s in the sandbox (the configured one too), checked with debug_token every 0.5 s and
 * renewed 9 s ahead (slack for a loaded CI machine): fb_exchange_token for a new long-lived user token, then the page token from
 * {@code GET /{page-id}?fields=access_token}. Messenger and Instagram DMs keep being pulled (no webhook) across
 * several expiries, and the Graph API never refuses a token. Data access lapses within the warning time (an hour
 * here): the connector panel warns and names the re-connect step, while renewal goes on.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MetaTokenRenewalTest {

    static final String PAGE = "610000000000001";
    IntakeHarness harness;

    @BeforeAll
    void start() {
        harness = IntakeHarness.start(
                List.of(
                        "--sandbox.meta.tokens.page-token-lifetime=PT12S",
                        "--sandbox.meta.tokens.configured-tokens-expire=true",
                        "--sandbox.meta.tokens.data-access-lifetime=PT1H"),
                "--intake.poll-interval=PT0.3S",
                "--dmdesk.credentials.check-interval=PT0.2S",
                "--dmdesk.credentials.reload-interval=PT0.2S",
                "--dmdesk.credentials.meta.check-interval=PT0.5S",
                "--dmdesk.credentials.meta.lead-time=PT9S");
    }

    @AfterAll
    void stop() {
        harness.close();
    }

    @Test
    void messagesKeepBeingPulledAcrossSeveralPageTokenExpiriesWithoutOneRefusedCall() {
        Instant begin = Instant.now();
        List<String> ids = new ArrayList<>();
        Set<String> pageTokens = new HashSet<>();
        CredentialStore store = harness.intake.getBean(CredentialStore.class);
        while (Duration.between(begin, Instant.now()).compareTo(Duration.ofSeconds(20)) < 0) {
            boolean messenger = ids.size() % 2 == 0;
            Map<String, Object> dm = messenger
                    ? harness.citizenWrites(
                            "messenger", "dm", "DemoPolice", "Renew Kari", "my bike was stolen " + ids.size())
                    : harness.citizenWrites(
                            "instagram", "dm", "demopolice", "renew_ola", "a scam account " + ids.size());
            String id = (messenger ? "messenger:" : "instagram:") + dm.get("id");
            ids.add(id);
            store.find("meta-page:" + PAGE).map(PlatformCredential::accessToken).ifPresent(pageTokens::add);
            assertThat(harness.state("messenger-demopolice")).isNotEqualTo(AccountState.CREDENTIALS_INVALID);
            assertThat(harness.state("instagram-demopolice")).isNotEqualTo(AccountState.CREDENTIALS_INVALID);
            await().atMost(Duration.ofSeconds(10)).until(() -> published(id), l -> l.size() == 1);
        }

        for (String id : ids) {
            assertThat(published(id)).as(id).hasSize(1);
        }
        assertThat(pageTokens).as("page tokens renewed in the store").hasSizeGreaterThanOrEqualTo(4);
        assertThat(harness.requests("meta", PAGE).entries())
                .as("no Graph call refused for its token")
                .noneMatch(e -> e.status() == 401);
        PlatformCredential page = store.find("meta-page:" + PAGE).orElseThrow();
        assertThat(page.renewalToken())
                .as("the long-lived user token was exchanged")
                .isNotEqualTo("sandbox-meta-user-token-demopolice");
        assertThat(page.dataAccessExpiresAt()).isNotNull();
    }

    @Test
    void dataAccessLapsingWithinTheWarningTimeShowsTheWarningAndTheReconnectStep() {
        await().atMost(Duration.ofSeconds(10))
                .until(() -> harness.intake
                        .getBean(CredentialStore.class)
                        .find("meta-page:" + PAGE)
                        .map(c -> c.dataAccessExpiresAt() != null)
                        .orElse(false));
        List<Map<String, Object>> connectors = WebClient.create(harness.intakeUrl())
                .get()
                .uri("/api/connectors")
                .header("Authorization", TestUsers.OPERATOR.basic())
                .retrieve()
                .bodyToMono(new ParameterizedTypeReference<List<Map<String, Object>>>() {})
                .block(Duration.ofSeconds(10));
        for (String account : List.of("messenger-demopolice", "facebook-demopolice", "instagram-demopolice")) {
            assertThat(connectors)
                    .filteredOn(c -> account.equals(c.get("account")))
                    .singleElement()
                    .satisfies(c -> {
                        assertThat(c).containsEntry("credentialRenewed", true);
                        assertThat((String) c.get("credentialWarning")).contains("data access");
                        assertThat((String) c.get("reconnectStep"))
                                .contains("log")
                                .contains("META_USER_TOKEN");
                    });
        }
    }
}
