package io.dmdesk.deploychecks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Structural checks of deploy/compose/docker-compose.yml by parsing it (no Docker engine here).
 * Not checked without Docker: that the images pull and build, that the stack starts, that Kafka and Mongo
 * accept this configuration, and the compose schema itself (dockerComposeConfig runs it when docker is present).
 */
class ComposeFileTest {
    static final Path COMPOSE_DIR = Repo.path("deploy/compose");
    static final Map<String, Integer> APPS = Map.of(
            "intake-service",
            8081,
            "triage-service",
            8082,
            "case-bridge-service",
            8083,
            "notifier-service",
            8084,
            "audit-service",
            8085,
            "sandbox",
            8090);

    private static Map<String, Object> services() {
        return Repo.map(Repo.yaml(COMPOSE_DIR.resolve("docker-compose.yml")).get("services"));
    }

    private static Map<String, Object> env(Map<String, Object> service) {
        return Repo.map(service.get("environment"));
    }

    @Test
    void everyLongRunningServiceHasAHealthcheck() {
        List<String> missing = new ArrayList<>();
        services().forEach((name, s) -> {
            Map<String, Object> svc = Repo.map(s);
            boolean oneShot = "no".equals(String.valueOf(svc.get("restart")));
            if (!oneShot
                    && Repo.list(Repo.map(svc.get("healthcheck")).get("test")).isEmpty()) missing.add(name);
        });
        assertEquals(List.of(), missing, "services without a healthcheck");
    }

    @Test
    void kafkaIsThreeKraftBrokersWithReplicationFactorThreeAndMinIsrTwo() {
        Set<String> nodeIds = new TreeSet<>();
        for (int i = 1; i <= 3; i++) {
            Map<String, Object> k = Repo.map(services().get("kafka-" + i));
            assertEquals("apache/kafka:4.1.2", k.get("image"));
            Map<String, Object> e = env(k);
            nodeIds.add(String.valueOf(e.get("KAFKA_NODE_ID")));
            assertEquals("broker,controller", e.get("KAFKA_PROCESS_ROLES"));
            assertEquals("1@kafka-1:9093,2@kafka-2:9093,3@kafka-3:9093", e.get("KAFKA_CONTROLLER_QUORUM_VOTERS"));
            assertEquals("3", String.valueOf(e.get("KAFKA_DEFAULT_REPLICATION_FACTOR")));
            assertEquals("2", String.valueOf(e.get("KAFKA_MIN_INSYNC_REPLICAS")));
            assertEquals("3", String.valueOf(e.get("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR")));
            assertEquals("2", String.valueOf(e.get("KAFKA_TRANSACTION_STATE_LOG_MIN_ISR")));
            assertNotNull(e.get("CLUSTER_ID"));
            assertTrue(
                    String.valueOf(e.get("KAFKA_ADVERTISED_LISTENERS")).contains("PLAINTEXT://kafka-" + i + ":9092"));
            assertFalse(Repo.list(k.get("volumes")).isEmpty(), "kafka-" + i + " keeps its log dir in a volume");
        }
        assertEquals(Set.of("1", "2", "3"), nodeIds);
    }

    @Test
    void mongoIsAThreeMemberReplicaSetInitiatedByAJob() {
        for (int i = 1; i <= 3; i++) {
            Map<String, Object> m = Repo.map(services().get("mongo-" + i));
            assertTrue(String.valueOf(m.get("image")).startsWith("mongo:"));
            assertTrue(Repo.list(m.get("command")).containsAll(List.of("--replSet", "rs0")));
        }
        Map<String, Object> init = Repo.map(services().get("mongo-init"));
        assertEquals("no", init.get("restart"));
        assertEquals(
                Set.of("mongo-1", "mongo-2", "mongo-3"),
                Repo.map(init.get("depends_on")).keySet());
        String script = Repo.read(COMPOSE_DIR.resolve("mongo/init-replica-set.js"));
        assertTrue(script.contains("rs.initiate(") && script.contains("NotYetInitialized"), "idempotent rs.initiate");
        for (String host : List.of("mongo-1:27017", "mongo-2:27017", "mongo-3:27017"))
            assertTrue(script.contains(host));
    }

    @Test
    void appsAreBuiltFromTheDockerfileAndPointAtTheClusters() {
        APPS.forEach((name, port) -> {
            Map<String, Object> svc = Repo.map(services().get(name));
            assertNotNull(svc.get("build"), name + " build");
            Map<String, Object> build = Repo.map(svc.get("build"));
            assertEquals("deploy/docker/Dockerfile", build.get("dockerfile"), name);
            assertEquals(name, Repo.map(build.get("args")).get("SERVICE"), name);
            assertEquals(
                    String.valueOf(port),
                    String.valueOf(Repo.map(build.get("args")).get("PORT")),
                    name);
            assertTrue(Repo.list(svc.get("ports")).contains(port + ":" + port), name + " port");
            assertEquals(Boolean.TRUE, svc.get("read_only"), name + " read-only root fs");
            if (name.equals("sandbox")) return;
            Map<String, Object> e = env(svc);
            assertEquals("3", String.valueOf(e.get("KAFKA_REPLICATION_FACTOR")), name);
            assertEquals("kafka-1:9092,kafka-2:9092,kafka-3:9092", e.get("KAFKA_BOOTSTRAP_SERVERS"), name);
            assertTrue(String.valueOf(e.get("MONGODB_URI")).contains("replicaSet=rs0"), name);
            assertEquals(String.valueOf(port), String.valueOf(e.get("SERVER_PORT")), name);
            Map<String, Object> deps = Repo.map(svc.get("depends_on"));
            assertEquals(
                    "service_completed_successfully",
                    Repo.map(deps.get("mongo-init")).get("condition"),
                    name);
            assertEquals("service_healthy", Repo.map(deps.get("kafka-1")).get("condition"), name);
        });
    }

    @Test
    void dockerfileRunsTheExecJarOnTemurinAsNonRootWithAReadinessCheck() {
        String df = Repo.read(Repo.path("deploy/docker/Dockerfile"));
        assertTrue(df.contains("FROM eclipse-temurin:17-jre"));
        assertTrue(df.contains("${SERVICE}/target/${SERVICE}-${VERSION}-exec.jar"));
        assertTrue(
                df.lines().anyMatch(l -> l.startsWith("USER ") && !l.contains("root") && !l.equals("USER 0")),
                "non-root USER");
        assertTrue(df.contains("HEALTHCHECK"));
        assertTrue(df.contains("HEALTH_PATH=/actuator/health/readiness"));
        assertTrue(Files.isExecutable(Repo.path("deploy/docker/healthcheck.sh")));
    }

    @Test
    void mountedFilesExistAndPrometheusScrapesEveryApp() {
        services().forEach((name, s) -> {
            for (Object v : Repo.list(Repo.map(s).get("volumes"))) {
                String source = String.valueOf(v).split(":")[0];
                if (source.startsWith("."))
                    assertTrue(Files.exists(COMPOSE_DIR.resolve(source)), name + " mounts missing " + source);
            }
        });
        String prom = Repo.read(Repo.path("deploy/prometheus/prometheus.yml"));
        APPS.forEach((name, port) -> assertTrue(prom.contains("'" + name + ":" + port + "'"), "scrape target " + name));
        Map<String, Object> env = env(Repo.map(services().get("grafana")));
        assertEquals("http://prometheus:9090", env.get("PROMETHEUS_URL"));
    }

    @Test
    void keycloakRealmHasTheRolesTheConsoleClientAndTheServiceAccount() throws Exception {
        JsonNode realm =
                JsonMapper.builder().build().readTree(Repo.read(COMPOSE_DIR.resolve("keycloak/dmdesk-realm.json")));
        Set<String> roles = new TreeSet<>();
        realm.path("roles").path("realm").forEach(r -> roles.add(r.path("name").asString()));
        assertEquals(Set.of("OPERATOR", "SUPERVISOR", "AUDITOR", "ADMIN", "SERVICE"), roles);
        boolean console = false;
        boolean login = false;
        boolean services = false;
        for (JsonNode c : realm.path("clients")) {
            if (c.path("clientId").asString().equals("dmdesk")) {
                login = true;
                assertFalse(c.path("publicClient").asBoolean(), "the services' login client is confidential");
                assertEquals(
                        "${DMDESK_OIDC_CLIENT_SECRET}", c.path("secret").asString(), "secret from the environment");
                assertTrue(
                        c.path("redirectUris").toString().contains("http://localhost:8082/login/oauth2/code/dmdesk"));
                assertTrue(
                        c.path("protocolMappers").toString().contains("realm_access.roles"), "roles in the ID token");
            }
            if (c.path("clientId").asString().equals("dmdesk-services")) {
                services = true;
                assertTrue(c.path("serviceAccountsEnabled").asBoolean(), "client credentials");
                assertFalse(c.path("standardFlowEnabled").asBoolean(), "no browser login");
                assertEquals(
                        "${DMDESK_OIDC_SERVICE_CLIENT_SECRET}", c.path("secret").asString());
            }
            if (c.path("clientId").asString().equals("dmdesk-console")) {
                console = true;
                assertTrue(c.path("publicClient").asBoolean(), "console is a public client (PKCE)");
                assertEquals(
                        "S256",
                        c.path("attributes").path("pkce.code.challenge.method").asString());
            }
        }
        assertTrue(console, "client dmdesk-console");
        assertTrue(login, "client dmdesk");
        assertTrue(services, "client dmdesk-services");
        boolean serviceRole = false;
        for (JsonNode u : realm.path("users")) {
            if (u.path("serviceAccountClientId").asString().equals("dmdesk-services")) {
                serviceRole = u.path("realmRoles").toString().contains("\"SERVICE\"");
            }
        }
        assertTrue(serviceRole, "the dmdesk-services service account has role SERVICE");
    }

    @Test
    void servicesUseKeycloakForAccessControl() {
        for (String name : List.of(
                "intake-service", "triage-service", "case-bridge-service", "notifier-service", "audit-service")) {
            Map<String, Object> svc = Repo.map(services().get(name));
            Map<String, Object> e = env(svc);
            assertEquals("oidc", e.get("SPRING_PROFILES_ACTIVE"), name);
            assertEquals("http://localhost:8180/realms/dmdesk", e.get("OIDC_ISSUER_URI"), name);
            assertEquals("http://keycloak:8080/realms/dmdesk", e.get("OIDC_BACKCHANNEL_URI"), name);
            assertTrue(String.valueOf(e.get("OIDC_CLIENT_SECRET")).startsWith("${DMDESK_OIDC_CLIENT_SECRET"), name);
            assertEquals(
                    "service_healthy",
                    Repo.map(Repo.map(svc.get("depends_on")).get("keycloak")).get("condition"),
                    name);
        }
        assertEquals(
                "http://localhost:8180",
                env(Repo.map(services().get("keycloak"))).get("KC_HOSTNAME"));
    }

    @Test
    @RequiresTool(
            anyOf = "docker",
            probe = {"compose", "version"},
            reason =
                    "docker with the compose plugin not installed: `docker compose config` (schema, interpolation) not run; the compose file was only parsed")
    void dockerComposeConfig() {
        Path docker = Repo.which("docker");
        Repo.Result r = Repo.run(
                COMPOSE_DIR, List.of(docker.toString(), "compose", "-f", "docker-compose.yml", "config", "--quiet"));
        assertEquals(0, r.exitCode(), r.output());
    }
}
