package io.dmdesk.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.dmdesk.testsupport.AccessProbe;
import io.dmdesk.testsupport.ServiceArgs;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Access to the audit service: the auditor API for AUDITOR and ADMIN only. Table-driven from the route rules:
 * every endpoint of the service needs a rule, answers 401 without credentials and 403 to every test user whose
 * role the rule does not name.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuditAccessTest {

    private ConfigurableApplicationContext service;
    private AccessProbe probe;

    @BeforeAll
    void start() {
        // SANDBOX_URL on the discard port: nothing in this test talks to a platform or the case system.
        service = AuditApplication.builder()
                .run(ServiceArgs.of(ServiceArgs.freshDatabase("audit"), "--SANDBOX_URL=http://127.0.0.1:9"));
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
                .contains(
                        "GET /api/audit/verify",
                        "GET /api/audit/reports/probe",
                        "GET /api/audit/reports/probe/export",
                        "GET /api/audit/export",
                        "GET /api/audit/consultations",
                        "GET /api/audit/checkpoints",
                        "GET /admin/dlq",
                        "POST /admin/dlq/probe/replay");
        assertThat(probe.probe(List.of(), Set.of())).isEmpty();
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
