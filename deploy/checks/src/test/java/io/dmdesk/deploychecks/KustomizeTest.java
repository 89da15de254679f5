package io.dmdesk.deploychecks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dmdesk.contracts.Topic;
import io.dmdesk.contracts.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Renders deploy/k8s overlays with `kubectl kustomize` (or `kustomize build`) and checks the result.
 * Without either tool the render tests are skipped with the reason, and baseManifestsAreSound still checks
 * the base files by parsing them. Not checked here: server-side validation against a cluster's API schemas.
 */
class KustomizeTest {
    static final Set<String> APPS =
            Set.of("intake-service", "triage-service", "case-bridge-service", "notifier-service", "audit-service");
    static final int PARTITIONS = 12;

    static List<String> renderCommand(String overlay) {
        Path kubectl = Repo.which("kubectl");
        if (kubectl != null) return List.of(kubectl.toString(), "kustomize", overlay);
        Path kustomize = Repo.which("kustomize");
        if (kustomize != null) return List.of(kustomize.toString(), "build", overlay);
        return null;
    }

    static List<Map<String, Object>> render(String overlay) {
        List<String> cmd = renderCommand(overlay);
        assertNotNull(cmd, "kubectl or kustomize");
        Repo.Result r = Repo.run(Repo.root(), cmd);
        assertEquals(0, r.exitCode(), String.join(" ", cmd) + "\n" + r.output());
        // Deprecation warnings of newer kustomize go to stderr (merged here) as '# Warning' comment lines.
        return Repo.yamlAll(r.output());
    }

    static List<Map<String, Object>> ofKind(List<Map<String, Object>> docs, String kind) {
        return docs.stream().filter(d -> kind.equals(d.get("kind"))).collect(Collectors.toList());
    }

    static String name(Map<String, Object> doc) {
        return String.valueOf(Repo.map(doc.get("metadata")).get("name"));
    }

    static Object at(Object node, String... path) {
        Object cur = node;
        for (String p : path) cur = Repo.map(cur).get(p);
        return cur;
    }

    /** Checks that hold for base and every overlay. */
    static void checkWorkloads(List<Map<String, Object>> docs, String where) {
        List<Map<String, Object>> deployments = ofKind(docs, "Deployment");
        Set<String> names =
                deployments.stream().map(KustomizeTest::name).collect(Collectors.toCollection(TreeSet::new));
        assertTrue(names.containsAll(APPS), where + ": deployments " + names);
        Set<String> pdbTargets = new TreeSet<>();
        for (Map<String, Object> pdb : ofKind(docs, "PodDisruptionBudget")) {
            pdbTargets.add(String.valueOf(at(pdb, "spec", "selector", "matchLabels", "app.kubernetes.io/name")));
        }
        Set<String> serviceTargets = new TreeSet<>();
        for (Map<String, Object> svc : ofKind(docs, "Service")) {
            serviceTargets.add(String.valueOf(at(svc, "spec", "selector", "app.kubernetes.io/name")));
        }
        for (Map<String, Object> d : deployments) {
            String n = where + "/" + name(d);
            Map<String, Object> podSpec = Repo.map(at(d, "spec", "template", "spec"));
            assertEquals(Boolean.TRUE, at(podSpec, "securityContext", "runAsNonRoot"), n + ": runAsNonRoot");
            for (Object c : Repo.list(podSpec.get("containers"))) {
                Map<String, Object> container = Repo.map(c);
                String lp = String.valueOf(at(container, "livenessProbe", "httpGet", "path"));
                String rp = String.valueOf(at(container, "readinessProbe", "httpGet", "path"));
                if (APPS.contains(name(d))) {
                    assertEquals("/actuator/health/liveness", lp, n);
                    assertEquals("/actuator/health/readiness", rp, n);
                } else {
                    assertTrue(lp.startsWith("/actuator/health") && rp.startsWith("/actuator/health"), n + ": probes");
                }
                assertNotNull(at(container, "resources", "requests", "cpu"), n + ": cpu request");
                assertNotNull(at(container, "resources", "requests", "memory"), n + ": memory request");
                assertNotNull(at(container, "resources", "limits", "memory"), n + ": memory limit");
                assertEquals(
                        Boolean.TRUE,
                        at(container, "securityContext", "readOnlyRootFilesystem"),
                        n + ": read-only root fs");
                assertEquals(
                        Boolean.FALSE,
                        at(container, "securityContext", "allowPrivilegeEscalation"),
                        n + ": no privilege escalation");
                for (Object e : Repo.list(container.get("env"))) {
                    Map<String, Object> env = Repo.map(e);
                    String var = String.valueOf(env.get("name"));
                    if (var.matches(".*(TOKEN|SECRET|PASSWORD|MONGODB_URI).*") && !var.endsWith("_URL")) {
                        assertTrue(
                                env.get("value") == null && at(env, "valueFrom", "secretKeyRef") != null,
                                n + ": " + var + " must come from a Secret");
                    }
                }
            }
            if (APPS.contains(name(d))) {
                assertTrue(pdbTargets.contains(name(d)), n + ": PodDisruptionBudget");
                assertTrue(serviceTargets.contains(name(d)), n + ": Service");
            }
        }
        for (Map<String, Object> hpa : ofKind(docs, "HorizontalPodAutoscaler")) {
            String n = where + "/hpa/" + name(hpa);
            assertTrue(names.contains(String.valueOf(at(hpa, "spec", "scaleTargetRef", "name"))), n + ": target");
            int max = ((Number) at(hpa, "spec", "maxReplicas")).intValue();
            assertTrue(max <= PARTITIONS, n + ": maxReplicas " + max + " > partitions " + PARTITIONS);
            assertFalse(Repo.list(at(hpa, "spec", "metrics")).isEmpty(), n + ": metrics");
        }
        assertTrue(
                ofKind(docs, "HorizontalPodAutoscaler").stream().noneMatch(h -> name(h).equals("intake-service")),
                where + ": intake-service is a single poller per account, no HPA");
        for (Map<String, Object> cm : ofKind(docs, "ConfigMap")) {
            for (String key : Repo.map(cm.get("data")).keySet()) {
                assertFalse(
                        key.matches(".*(TOKEN|SECRET|PASSWORD).*") && !key.endsWith("_URL"),
                        where + ": secret-looking key in ConfigMap: " + key);
            }
        }
    }

    @Test
    void baseManifestsAreSound() {
        Path base = Repo.path("deploy/k8s/base");
        Map<String, Object> kustomization = Repo.yaml(base.resolve("kustomization.yaml"));
        List<Map<String, Object>> docs = new ArrayList<>();
        for (Object r : Repo.list(kustomization.get("resources"))) {
            Path file = base.resolve(String.valueOf(r));
            assertTrue(Files.isRegularFile(file), "base resource missing: " + r);
            docs.addAll(Repo.yamlAll(Repo.read(file)));
        }
        checkWorkloads(docs, "base");
        assertTrue(ofKind(docs, "Secret").isEmpty(), "base holds no Secret");
        for (String overlay : List.of("dev", "prod", "prod-keda", "kafka-strimzi")) {
            Map<String, Object> k = Repo.yaml(Repo.path("deploy/k8s/overlays/" + overlay + "/kustomization.yaml"));
            for (String field : List.of("resources", "patchesStrategicMerge")) {
                for (Object f : Repo.list(k.get(field))) {
                    assertTrue(
                            Files.isRegularFile(
                                    Repo.path("deploy/k8s/overlays/" + overlay).resolve(String.valueOf(f))),
                            overlay + ": " + f);
                }
            }
        }
    }

    @ParameterizedTest
    @RequiresTool(
            anyOf = {"kubectl", "kustomize"},
            reason =
                    "neither kubectl nor kustomize installed (Debian package kubernetes-client; .ci/run installs it): overlays not rendered; the base was still checked by parsing")
    @ValueSource(strings = {"deploy/k8s/overlays/prod", "deploy/k8s/overlays/dev", "deploy/k8s/overlays/prod-keda"})
    void overlayRenders(String overlay) {
        List<Map<String, Object>> docs = render(overlay);
        checkWorkloads(docs, overlay);
        checkOneAutoscalerPerDeployment(docs, overlay);
    }

    /** KEDA makes an HPA per ScaledObject: an HPA and a ScaledObject on one Deployment would fight over replicas. */
    static void checkOneAutoscalerPerDeployment(List<Map<String, Object>> docs, String where) {
        List<String> targets = new ArrayList<>();
        for (Map<String, Object> d : ofKind(docs, "HorizontalPodAutoscaler"))
            targets.add(String.valueOf(at(d, "spec", "scaleTargetRef", "name")));
        for (Map<String, Object> d : ofKind(docs, "ScaledObject"))
            targets.add(String.valueOf(at(d, "spec", "scaleTargetRef", "name")));
        assertEquals(
                new TreeSet<>(targets).size(),
                targets.size(),
                where + ": one autoscaler per Deployment, got " + targets);
    }

    /** topic -> consumer group of every input binding of a service, from its application YAML. */
    static Map<String, String> consumedTopics(String service) {
        Map<String, Object> yml = Repo.yaml(Repo.path(service + "/src/main/resources/" + service + ".yml"));
        Map<String, String> consumed = new TreeMap<>();
        Repo.map(at(yml, "spring", "cloud", "stream", "bindings")).forEach((binding, b) -> {
            if (binding.matches(".*-in-\\d+"))
                consumed.put(String.valueOf(at(b, "destination")), String.valueOf(at(b, "group")));
        });
        return consumed;
    }

    @Test
    @RequiresTool(
            anyOf = {"kubectl", "kustomize"},
            reason =
                    "neither kubectl nor kustomize installed (Debian package kubernetes-client; .ci/run installs it): overlays not rendered; the base was still checked by parsing")
    void kedaOverlayScalesEveryConsumerGroupOnItsLagInsteadOfTheHpas() {
        List<Map<String, Object>> docs = render("deploy/k8s/overlays/prod-keda");
        assertTrue(ofKind(docs, "HorizontalPodAutoscaler").isEmpty(), "KEDA creates the HPAs; none rendered");
        assertTrue(ofKind(docs, "Secret").isEmpty(), "prod-keda renders no Secret");
        String bootstrap = String.valueOf(at(ofKind(docs, "ConfigMap").get(0), "data", "KAFKA_BOOTSTRAP_SERVERS"));
        Set<String> scaled = new TreeSet<>();
        for (Map<String, Object> so : ofKind(docs, "ScaledObject")) {
            String n = name(so);
            scaled.add(n);
            assertEquals("keda.sh/v1alpha1", so.get("apiVersion"), n);
            assertEquals("dmdesk", at(so, "metadata", "namespace"), n);
            assertEquals(n, at(so, "spec", "scaleTargetRef", "name"), n + ": scales its own Deployment");
            assertEquals(
                    2,
                    ((Number) at(so, "spec", "minReplicaCount")).intValue(),
                    n + ": never below 2 (no scale to zero)");
            int max = ((Number) at(so, "spec", "maxReplicaCount")).intValue();
            Map<String, String> lagTriggers = new TreeMap<>();
            boolean cpu = false;
            for (Object t : Repo.list(at(so, "spec", "triggers"))) {
                Map<String, Object> meta = Repo.map(at(t, "metadata"));
                if ("cpu".equals(at(t, "type"))) {
                    cpu = true;
                    continue;
                }
                assertEquals("kafka", at(t, "type"), n);
                String topic = String.valueOf(meta.get("topic"));
                lagTriggers.put(topic, String.valueOf(meta.get("consumerGroup")));
                assertEquals(bootstrap, meta.get("bootstrapServers"), n + ": the brokers the service uses");
                assertTrue(
                        String.valueOf(meta.get("lagThreshold")).matches("[1-9][0-9]*"),
                        n + "/" + topic + ": lagThreshold");
                assertEquals("earliest", meta.get("offsetResetPolicy"), n + "/" + topic);
                int partitions = Topics.byName(topic).orElseThrow().partitions();
                assertTrue(max <= partitions, n + ": maxReplicaCount " + max + " > partitions of " + topic);
            }
            assertTrue(cpu, n + ": CPU trigger kept");
            assertEquals(
                    consumedTopics(n), lagTriggers, n + ": a lag trigger per consumed topic, with the service's group");
        }
        assertEquals(
                new TreeSet<>(Set.of("triage-service", "case-bridge-service", "notifier-service", "audit-service")),
                scaled,
                "every consumer, not intake (one poller per account)");
    }

    @Test
    @RequiresTool(
            anyOf = {"kubectl", "kustomize"},
            reason =
                    "neither kubectl nor kustomize installed (Debian package kubernetes-client; .ci/run installs it): overlays not rendered; the base was still checked by parsing")
    void strimziOverlayIsKraftWithNodePoolsAndEveryContractTopic() {
        List<Map<String, Object>> docs = render("deploy/k8s/overlays/kafka-strimzi");
        List<Map<String, Object>> kafkas = ofKind(docs, "Kafka");
        assertEquals(1, kafkas.size(), "one Kafka");
        Map<String, Object> kafka = kafkas.get(0);
        String cluster = name(kafka);
        String namespace = String.valueOf(at(kafka, "metadata", "namespace"));
        assertEquals("kafka.strimzi.io/v1beta2", kafka.get("apiVersion"));
        assertEquals("enabled", at(kafka, "metadata", "annotations", "strimzi.io/kraft"));
        assertEquals("enabled", at(kafka, "metadata", "annotations", "strimzi.io/node-pools"));
        assertNull(at(kafka, "spec", "zookeeper"), "KRaft: no ZooKeeper");
        assertEquals("2", String.valueOf(at(kafka, "spec", "kafka", "config", "min.insync.replicas")));
        assertEquals("false", String.valueOf(at(kafka, "spec", "kafka", "config", "auto.create.topics.enable")));
        String prodBootstrap = String.valueOf(
                at(ofKind(render("deploy/k8s/overlays/prod"), "ConfigMap").get(0), "data", "KAFKA_BOOTSTRAP_SERVERS"));
        assertEquals(
                cluster + "-kafka-bootstrap." + namespace + ".svc:9092",
                prodBootstrap,
                "prod points at this cluster's bootstrap Service");

        Map<String, Integer> replicasByRole = new TreeMap<>();
        for (Map<String, Object> pool : ofKind(docs, "KafkaNodePool")) {
            assertEquals("kafka.strimzi.io/v1beta2", pool.get("apiVersion"), name(pool));
            assertEquals(cluster, at(pool, "metadata", "labels", "strimzi.io/cluster"), name(pool));
            for (Object role : Repo.list(at(pool, "spec", "roles"))) {
                replicasByRole.merge(
                        String.valueOf(role), ((Number) at(pool, "spec", "replicas")).intValue(), Integer::sum);
            }
        }
        assertEquals(
                Set.of("broker", "controller"), replicasByRole.keySet(), "node pools with roles controller and broker");
        assertTrue(
                replicasByRole.get("controller") >= 3 && replicasByRole.get("controller") % 2 == 1,
                "odd KRaft quorum of 3+");
        assertTrue(replicasByRole.get("broker") >= 3, "3 brokers for RF 3");

        Map<String, Map<String, Object>> topics = new TreeMap<>();
        for (Map<String, Object> t : ofKind(docs, "KafkaTopic")) {
            assertEquals(cluster, at(t, "metadata", "labels", "strimzi.io/cluster"), name(t));
            assertEquals("kafka.strimzi.io/v1beta2", t.get("apiVersion"), name(t));
            topics.put(String.valueOf(at(t, "spec", "topicName")), t);
        }
        List<Topic> expected = new ArrayList<>(Topics.ALL);
        for (String service : List.of("triage-service", "case-bridge-service", "notifier-service", "audit-service")) {
            consumedTopics(service)
                    .forEach((topic, group) ->
                            expected.add(Topics.deadLetter(Topics.byName(topic).orElseThrow(), group)));
        }
        assertEquals(
                expected.stream().map(Topic::name).collect(Collectors.toCollection(TreeSet::new)),
                topics.keySet(),
                "a KafkaTopic per topic of the contracts and per dead-letter topic");
        for (Topic t : expected) {
            Map<String, Object> kt = topics.get(t.name());
            assertEquals(t.partitions(), ((Number) at(kt, "spec", "partitions")).intValue(), t.name() + ": partitions");
            assertEquals(3, ((Number) at(kt, "spec", "replicas")).intValue(), t.name() + ": RF 3");
            assertEquals(
                    t.retentionMs(),
                    String.valueOf(at(kt, "spec", "config", "retention.ms")),
                    t.name() + ": retention");
            assertEquals("2", String.valueOf(at(kt, "spec", "config", "min.insync.replicas")), t.name());
        }
    }

    @Test
    @RequiresTool(
            anyOf = {"kubectl", "kustomize"},
            reason =
                    "neither kubectl nor kustomize installed (Debian package kubernetes-client; .ci/run installs it): overlays not rendered; the base was still checked by parsing")
    void prodHasNoSecretValuesScalesConsumersAndIsScraped() {
        List<Map<String, Object>> docs = render("deploy/k8s/overlays/prod");
        assertTrue(
                ofKind(docs, "Secret").isEmpty(), "prod renders no Secret: values live in the cluster's secret store");
        for (Map<String, Object> hpa : ofKind(docs, "HorizontalPodAutoscaler")) {
            assertEquals(2, ((Number) at(hpa, "spec", "minReplicas")).intValue(), name(hpa));
            assertEquals(PARTITIONS, ((Number) at(hpa, "spec", "maxReplicas")).intValue(), name(hpa));
        }
        for (Map<String, Object> d : ofKind(docs, "Deployment")) {
            String image = String.valueOf(at(
                    Repo.list(at(d, "spec", "template", "spec", "containers")).get(0), "image"));
            assertTrue(
                    image.startsWith("registry.example.invalid/dmdesk/") && !image.endsWith("SNAPSHOT"),
                    name(d) + ": " + image);
            assertEquals("dmdesk", at(d, "metadata", "namespace"));
        }
        assertEquals(1, ofKind(docs, "ServiceMonitor").size(), "ServiceMonitor");
        Map<String, Object> cm = ofKind(docs, "ConfigMap").get(0);
        assertEquals("3", String.valueOf(at(cm, "data", "KAFKA_REPLICATION_FACTOR")));
    }

    @ParameterizedTest
    @RequiresTool(
            anyOf = {"kubectl", "kustomize"},
            reason =
                    "neither kubectl nor kustomize installed (Debian package kubernetes-client; .ci/run installs it): overlays not rendered; the base was still checked by parsing")
    @ValueSource(strings = {"deploy/k8s/overlays/prod", "deploy/k8s/overlays/dev"})
    void everyServiceAuthenticatesThroughOidcWithSecretsFromASecret(String overlay) {
        List<Map<String, Object>> docs = render(overlay);
        Map<String, Object> cm = ofKind(docs, "ConfigMap").get(0);
        assertEquals("oidc", at(cm, "data", "SPRING_PROFILES_ACTIVE"), overlay);
        assertTrue(String.valueOf(at(cm, "data", "OIDC_ISSUER_URI")).contains("/realms/dmdesk"), overlay);
        for (Map<String, Object> d : ofKind(docs, "Deployment")) {
            if (!APPS.contains(name(d))) {
                continue;
            }
            Map<String, Object> container = Repo.map(
                    Repo.list(at(d, "spec", "template", "spec", "containers")).get(0));
            for (String var : List.of("OIDC_CLIENT_SECRET", "OIDC_SERVICE_CLIENT_SECRET")) {
                Object ref = Repo.list(container.get("env")).stream()
                        .map(Repo::map)
                        .filter(e -> var.equals(e.get("name")))
                        .map(e -> at(e, "valueFrom", "secretKeyRef", "name"))
                        .findFirst()
                        .orElse(null);
                // dev generates the Secret (name gets kustomize's hash suffix); prod references the store's.
                assertTrue(
                        String.valueOf(ref).matches("dmdesk-oidc(-[a-z0-9]{10})?"),
                        overlay + "/" + name(d) + ": " + var + " from " + ref);
            }
        }
    }
}
