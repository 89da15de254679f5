package io.dmdesk.notifier;

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
 * Access to the notifier: replies for OPERATOR, SUPERVISOR and SERVICE. Table-driven from the route rules: every
 * endpoint of the service needs a rule, answers 401 without credentials and 403 to every test user whose role
 * the rule does not name.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NotifierAccessTest {

    private ConfigurableApplicationContext service;
    private AccessProbe probe;

    @BeforeAll
    void start() {
        // SANDBOX_URL on the discard port: nothing in this test talks to a platform or the case system.
        service = NotifierApplication.builder()
                .run(ServiceArgs.of(ServiceArgs.freshDatabase("notifier"), "--SANDBOX_URL=http://127.0.0.1:9"));
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
                .contains("POST /api/reports/probe/replies", "GET /admin/dlq");
        assertThat(probe.probe(List.of(), Set.of(new Endpoint(HttpMethod.POST, "/api/reports/probe/replies"))))
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
