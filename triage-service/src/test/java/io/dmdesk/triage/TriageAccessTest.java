package io.dmdesk.triage;

import static org.assertj.core.api.Assertions.assertThat;

import io.dmdesk.testsupport.AccessProbe;
import io.dmdesk.testsupport.AccessProbe.Endpoint;
import io.dmdesk.testsupport.ServiceArgs;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpMethod;

/**
 * Access to triage: console for OPERATOR and SUPERVISOR, queue, reports and classify also for SERVICE. Table-
 * driven from the route rules: every endpoint of the service needs a rule, answers 401 without credentials and
 * 403 to every test user whose role the rule does not name.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TriageAccessTest {

    private ConfigurableApplicationContext service;
    private AccessProbe probe;

    @BeforeAll
    void start() {
        // SANDBOX_URL on the discard port: nothing in this test talks to a platform or the case system.
        service = TriageApplication.builder()
                .run(ServiceArgs.of(ServiceArgs.freshDatabase("triage"), "--SANDBOX_URL=http://127.0.0.1:9"));
        probe = new AccessProbe(service);
    }

    @AfterAll
    void stop() {
        service.close();
    }

    @Test
    void everyRouteIsCoveredByARuleAndRefusesMissingCredentialsAndWrongRoles() throws Exception {
        assertThat(probe.endpoints())
                .extracting(Object::toString)
                .contains("GET /api/queue", "GET /api/reports/probe", "POST /api/triage/classify", "GET /admin/dlq");
        assertThat(probe.probe(
                        List.of(
                                // The console (another module of work) serves pages and its API under these prefixes.
                                new Endpoint(HttpMethod.GET, "/console/"),
                                new Endpoint(HttpMethod.GET, "/console/app.js"),
                                new Endpoint(HttpMethod.GET, "/api/console/queue"),
                                new Endpoint(HttpMethod.POST, "/api/console/supervisor/probe")),
                        Set.of(new Endpoint(HttpMethod.POST, "/api/triage/classify"))))
                .isEmpty();
    }

    @Test
    void actuatorOpensOnlyHealthAndPrometheusAndUnknownPathsAreDenied() throws Exception {
        assertThat(probe.actuatorAndDefaults()).isEmpty();
    }

    @Test
    void responsesCarryTheSecurityHeaders() throws Exception {
        assertThat(probe.securityHeaders()).isEmpty();
    }
}
