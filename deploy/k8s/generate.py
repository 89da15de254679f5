#!/usr/bin/env python3
"""Writes the Kustomize base and overlays under deploy/k8s. Edit here, run, commit the YAML.
Only kustomization fields that both old (kubectl 1.20, kustomize v2.0) and current kustomize understand
are used: bases, resources, patchesStrategicMerge, commonLabels, configMapGenerator, secretGenerator, images."""
import os
import re
HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))

def contract_topics():
    """(name, partitions, retention ms) of every topic, read from the topic table in contracts (Topics.java), the
    one place topics are declared; deploy/checks compares the rendered KafkaTopics with the Topics class itself."""
    with open(os.path.join(REPO, "contracts/src/main/java/io/dmdesk/contracts/Topics.java")) as f:
        src = f.read()
    unit = {"Days": 86_400_000, "Hours": 3_600_000, "Minutes": 60_000}
    found = re.findall(r'new Topic\("([^"]+)",\s*"[^"]*",\s*\w+\.class,\s*(\d+),\s*Duration\.of(Days|Hours|Minutes)\((\d+)\)', src)
    topics = [(n, int(p), int(v) * unit[u]) for n, p, u, v in found]
    dlq = re.search(r'DLQ_RETENTION = Duration\.of(Days|Hours|Minutes)\((\d+)\)', src)
    assert len(topics) >= 7 and dlq, "topic table in Topics.java not understood"
    return topics, int(dlq.group(2)) * unit[dlq.group(1)]

TOPICS, DLQ_RETENTION_MS = contract_topics()
PARTITIONS = {n: p for n, p, _ in TOPICS}

# What each consumer service consumes (its group is its name; the bindings in <service>.yml), with KEDA's
# lagThreshold: the lag per replica it scales to hold. Ack-path topics are tight (a replica should clear its share
# within the 1 s p99 goal), read models and the trail looser (minutes are fine there). See docs/SCALING.md.
CONSUMES = {
    "triage-service": [("social.inbound", 50), ("cases.opened", 200), ("acknowledgements.sent", 200)],
    "case-bridge-service": [("reports.triaged", 100)],
    "notifier-service": [("reports.triaged", 50), ("cases.opened", 100), ("data.erasure", 100)],
    "audit-service": [("audit.events", 500)],
}
STRIMZI_CLUSTER, STRIMZI_NAMESPACE = "dmdesk", "kafka"
PROD_BOOTSTRAP = f"{STRIMZI_CLUSTER}-kafka-bootstrap.{STRIMZI_NAMESPACE}.svc:9092"

# name, port, HPA max (consumers: up to the partition count of what they consume, 12), min replicas in prod
APPS = [
    ("intake-service", 8081, None, 1),        # one poller per account: single replica (see docs/OPERATIONS.md)
    ("triage-service", 8082, 12, 2),
    ("case-bridge-service", 8083, 12, 2),
    ("notifier-service", 8084, 12, 2),
    ("audit-service", 8085, 12, 2),
]
DBS = {"intake-service": "dmdesk-intake", "triage-service": "dmdesk-triage", "case-bridge-service": "dmdesk-casebridge",
       "notifier-service": "dmdesk-notifier", "audit-service": "dmdesk-audit"}

def write(path, text):
    full = os.path.join(HERE, path)
    os.makedirs(os.path.dirname(full), exist_ok=True)
    with open(full, "w") as f:
        f.write(text)

def secret_env(name):
    out = []
    if name in ("intake-service", "notifier-service"):
        for var, key in (("X_TOKEN_DEMOPOLICE", "x-token-demopolice"), ("X_TOKEN_PCJONES", "x-token-pcjones")):
            out.append(f"""            - name: {var}
              valueFrom:
                secretKeyRef: {{name: dmdesk-platform-credentials, key: {key}}}""")
    if name == "case-bridge-service":
        for var, key in (("CASE_SYSTEM_CLIENT_ID", "client-id"), ("CASE_SYSTEM_CLIENT_SECRET", "client-secret")):
            out.append(f"""            - name: {var}
              valueFrom:
                secretKeyRef: {{name: dmdesk-case-system, key: {key}}}""")
    # Access control (profile oidc): the console's OIDC client and the services' client-credentials client.
    for var, key in (("OIDC_CLIENT_SECRET", "client-secret"), ("OIDC_SERVICE_CLIENT_SECRET", "service-client-secret")):
        out.append(f"""            - name: {var}
              valueFrom:
                secretKeyRef: {{name: dmdesk-oidc, key: {key}}}""")
    return "\n".join(out)

CONSOLE_ENV = """            # The operator console calls these with the service account.
            - {name: NOTIFIER_URL, value: "http://notifier-service:8084"}
            - {name: INTAKE_URL, value: "http://intake-service:8081"}
"""

def deployment(name, port, hpa_max, min_replicas):
    strategy = ("""  strategy:
    type: Recreate   # never two pollers of one account at once""" if hpa_max is None else
"""  strategy:
    type: RollingUpdate
    rollingUpdate: {maxSurge: 1, maxUnavailable: 0}""")
    extra_env = secret_env(name)
    return f"""apiVersion: apps/v1
kind: Deployment
metadata:
  name: {name}
  labels: {{app.kubernetes.io/name: {name}}}
spec:
  replicas: {min_replicas}
  revisionHistoryLimit: 5
  selector:
    matchLabels: {{app.kubernetes.io/name: {name}}}
{strategy}
  template:
    metadata:
      labels: {{app.kubernetes.io/name: {name}}}
      annotations:
        prometheus.io/scrape: "true"
        prometheus.io/port: "{port}"
        prometheus.io/path: /actuator/prometheus
    spec:
      serviceAccountName: dmdesk
      automountServiceAccountToken: false
      terminationGracePeriodSeconds: 45
      securityContext:
        runAsNonRoot: true
        runAsUser: 10001
        runAsGroup: 10001
        fsGroup: 10001
        seccompProfile: {{type: RuntimeDefault}}
      topologySpreadConstraints:
        - maxSkew: 1
          topologyKey: kubernetes.io/hostname
          whenUnsatisfiable: ScheduleAnyway
          labelSelector:
            matchLabels: {{app.kubernetes.io/name: {name}}}
      containers:
        - name: app
          image: dmdesk/{name}:0.1.0-SNAPSHOT
          imagePullPolicy: IfNotPresent
          ports:
            - {{name: http, containerPort: {port}}}
          envFrom:
            - configMapRef: {{name: dmdesk-config}}
          env:
            - {{name: SERVER_PORT, value: "{port}"}}
            - {{name: MONGODB_DATABASE, value: {DBS[name]}}}
{CONSOLE_ENV if name == "triage-service" else ""}            - name: MONGODB_URI
              valueFrom:
                secretKeyRef: {{name: dmdesk-mongodb, key: uri}}
{extra_env + chr(10) if extra_env else ""}          resources:
            requests: {{cpu: 250m, memory: 384Mi}}
            limits: {{memory: 512Mi}}
          securityContext:
            allowPrivilegeEscalation: false
            readOnlyRootFilesystem: true
            capabilities: {{drop: [ALL]}}
          startupProbe:
            httpGet: {{path: /actuator/health/liveness, port: http}}
            periodSeconds: 5
            failureThreshold: 36
          livenessProbe:
            httpGet: {{path: /actuator/health/liveness, port: http}}
            periodSeconds: 10
            timeoutSeconds: 3
            failureThreshold: 3
          readinessProbe:
            httpGet: {{path: /actuator/health/readiness, port: http}}
            periodSeconds: 5
            timeoutSeconds: 3
            failureThreshold: 3
          lifecycle:
            preStop:
              exec: {{command: [sleep, "5"]}}
          volumeMounts:
            - {{name: tmp, mountPath: /tmp/app}}
      volumes:
        - name: tmp
          emptyDir: {{sizeLimit: 64Mi}}
"""

def service(name, port):
    return f"""apiVersion: v1
kind: Service
metadata:
  name: {name}
  labels: {{app.kubernetes.io/name: {name}}}
spec:
  selector: {{app.kubernetes.io/name: {name}}}
  ports:
    - {{name: http, port: {port}, targetPort: http}}
"""

def pdb(name, hpa_max):
    rule = "maxUnavailable: 1" if hpa_max is None else "minAvailable: 1"
    return f"""apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: {name}
spec:
  {rule}
  selector:
    matchLabels: {{app.kubernetes.io/name: {name}}}
"""

def hpa(name, hpa_max, min_replicas):
    return f"""# Consumers scale on CPU up to {hpa_max} replicas: the partition count of the topics they consume (12);
# more replicas than partitions would sit idle.
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: {name}
spec:
  scaleTargetRef: {{apiVersion: apps/v1, kind: Deployment, name: {name}}}
  minReplicas: {min_replicas}
  maxReplicas: {hpa_max}
  metrics:
    - type: Resource
      resource:
        name: cpu
        target: {{type: Utilization, averageUtilization: 70}}
  behavior:
    scaleDown:
      stabilizationWindowSeconds: 300   # every scale step rebalances the consumer group
"""

resources = ["namespace.yaml", "serviceaccount.yaml"]
write("base/namespace.yaml", """apiVersion: v1
kind: Namespace
metadata:
  name: dmdesk
  labels:
    pod-security.kubernetes.io/enforce: restricted
""")
write("base/serviceaccount.yaml", """apiVersion: v1
kind: ServiceAccount
metadata:
  name: dmdesk
automountServiceAccountToken: false
""")
for name, port, hpa_max, min_r in APPS:
    files = {f"{name}/deployment.yaml": deployment(name, port, hpa_max, 1),
             f"{name}/service.yaml": service(name, port),
             f"{name}/pdb.yaml": pdb(name, hpa_max)}
    if hpa_max:
        files[f"{name}/hpa.yaml"] = hpa(name, hpa_max, 1)
    for f, text in files.items():
        write("base/" + f, text)
        resources.append(f)

write("base/kustomization.yaml", """# DM Desk base: the five services. Kafka (3 brokers, RF 3, min ISR 2) and a MongoDB replica set are
# expected to exist (e.g. an operator or a managed service); their addresses come from config and secrets.
# Secrets are never in git: the base only references them (dmdesk-mongodb, dmdesk-platform-credentials,
# dmdesk-case-system, dmdesk-oidc); overlays or the cluster's secret store provide them. See docs/OPERATIONS.md.
# Access control: profile oidc, people and services authenticated by the OIDC provider at OIDC_ISSUER_URI.
apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
namespace: dmdesk
commonLabels:
  app.kubernetes.io/part-of: dmdesk
resources:
""" + "".join(f"  - {r}\n" for r in resources) + """configMapGenerator:
  - name: dmdesk-config
    literals:
      - KAFKA_BOOTSTRAP_SERVERS=kafka-bootstrap.kafka.svc:9092
      - KAFKA_REPLICATION_FACTOR=3
      - LOG_FORMAT=ecs
      - JAVA_OPTS=-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError -Djava.io.tmpdir=/tmp/app
      - CASE_SYSTEM_NAME=force-case-system
      - CASE_SYSTEM_URL=https://case-system.example.invalid/api
      - CASE_SYSTEM_TOKEN_URL=https://case-system.example.invalid/oauth/token
      - X_API_BASE_URL=https://api.x.com
      - SPRING_PROFILES_ACTIVE=oidc
      - OIDC_ISSUER_URI=https://sso.example.invalid/realms/dmdesk
      - SESSION_COOKIE_SECURE=true
""")

# ---- dev: one replica each, the sandbox as platforms and case system, demo (sandbox) credentials.
write("overlays/dev/kustomization.yaml", """# Dev: one replica of everything, the sandbox standing in for the platforms and the case system,
# a single-broker Kafka (replication factor 1) and the sandbox's demo credentials (not secrets).
apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
namespace: dmdesk-dev
bases:
  - ../../base
resources:
  - sandbox.yaml
patchesStrategicMerge:
  - hpa-dev.yaml
configMapGenerator:
  - name: dmdesk-config
    behavior: merge
    literals:
      - KAFKA_BOOTSTRAP_SERVERS=kafka.dmdesk-dev.svc:9092
      - KAFKA_REPLICATION_FACTOR=1
      - SANDBOX_URL=http://sandbox:8090
      - X_API_BASE_URL=http://sandbox:8090/x
      - CASE_SYSTEM_URL=http://sandbox:8090/case-api
      - CASE_SYSTEM_TOKEN_URL=http://sandbox:8090/case-api/oauth/token
      - CASE_SYSTEM_NAME=sandbox-case-system
      - OIDC_ISSUER_URI=http://keycloak.dmdesk-dev.svc:8080/realms/dmdesk
      - SESSION_COOKIE_SECURE=false
secretGenerator:
  # Sandbox demo values only (the sandbox's own defaults); real forces never use the dev overlay.
  - name: dmdesk-mongodb
    literals:
      - uri=mongodb://mongo.dmdesk-dev.svc:27017
  - name: dmdesk-platform-credentials
    literals:
      - x-token-demopolice=sandbox-x-token-demopolice
      - x-token-pcjones=sandbox-x-token-pcjones
  - name: dmdesk-case-system
    literals:
      - client-id=dm-desk
      - client-secret=sandbox-case-secret
  # The demo secrets of deploy/compose/keycloak/dmdesk-realm.json (a dev Keycloak imports that realm).
  - name: dmdesk-oidc
    literals:
      - client-secret=change-me-dmdesk
      - service-client-secret=change-me-dmdesk-services
""")
write("overlays/dev/hpa-dev.yaml", "".join(f"""---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: {n}
spec:
  maxReplicas: 2
""" for n, _, m, _ in APPS if m))
write("overlays/dev/sandbox.yaml", """# The sandbox (simulated platforms and case system): dev only, never on the production path.
apiVersion: apps/v1
kind: Deployment
metadata:
  name: sandbox
  labels: {app.kubernetes.io/name: sandbox}
spec:
  replicas: 1
  selector:
    matchLabels: {app.kubernetes.io/name: sandbox}
  template:
    metadata:
      labels: {app.kubernetes.io/name: sandbox}
      annotations:
        prometheus.io/scrape: "true"
        prometheus.io/port: "8090"
        prometheus.io/path: /actuator/prometheus
    spec:
      automountServiceAccountToken: false
      securityContext:
        runAsNonRoot: true
        runAsUser: 10001
        runAsGroup: 10001
        seccompProfile: {type: RuntimeDefault}
      containers:
        - name: app
          image: dmdesk/sandbox:0.1.0-SNAPSHOT
          ports:
            - {name: http, containerPort: 8090}
          env:
            - {name: SERVER_PORT, value: "8090"}
            - {name: SANDBOX_DATA_DIR, value: /tmp/app/sandbox}
            - {name: JAVA_OPTS, value: "-XX:MaxRAMPercentage=75 -Djava.io.tmpdir=/tmp/app"}
          resources:
            requests: {cpu: 100m, memory: 256Mi}
            limits: {memory: 384Mi}
          securityContext:
            allowPrivilegeEscalation: false
            readOnlyRootFilesystem: true
            capabilities: {drop: [ALL]}
          livenessProbe:
            httpGet: {path: /actuator/health, port: http}
            initialDelaySeconds: 60
            periodSeconds: 10
          readinessProbe:
            httpGet: {path: /actuator/health, port: http}
            periodSeconds: 5
          volumeMounts:
            - {name: tmp, mountPath: /tmp/app}
      volumes:
        - name: tmp
          emptyDir: {sizeLimit: 64Mi}
---
apiVersion: v1
kind: Service
metadata:
  name: sandbox
  labels: {app.kubernetes.io/name: sandbox}
spec:
  selector: {app.kubernetes.io/name: sandbox}
  ports:
    - {name: http, port: 8090, targetPort: http}
""")

# ---- prod: 2+ replicas of each consumer, bigger resources, ServiceMonitor, images pinned by the pipeline.
write("overlays/prod/kustomization.yaml", """# Prod: consumers start at 2 replicas and scale to 12 (the partition count); secrets come from the
# cluster's secret store (create dmdesk-mongodb, dmdesk-platform-credentials, dmdesk-case-system and
# dmdesk-oidc before applying; see docs/OPERATIONS.md). Nothing secret is in this directory.
apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
namespace: dmdesk
bases:
  - ../../base
resources:
  - servicemonitor.yaml
patchesStrategicMerge:
  - replicas-prod.yaml
  - resources-prod.yaml
configMapGenerator:
  - name: dmdesk-config
    behavior: merge
    literals:
      - KAFKA_BOOTSTRAP_SERVERS=""" + PROD_BOOTSTRAP + """
      - KAFKA_REPLICATION_FACTOR=3
images:
""" + "".join(f"""  - name: dmdesk/{n}
    newName: registry.example.invalid/dmdesk/{n}
    newTag: 0.1.0
""" for n, _, _, _ in APPS))
write("overlays/prod/replicas-prod.yaml", "".join(f"""---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: {n}
spec:
  minReplicas: {r}
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: {n}
spec:
  replicas: {r}
""" for n, _, m, r in APPS if m))
write("overlays/prod/resources-prod.yaml", "".join(f"""---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: {n}
spec:
  template:
    spec:
      containers:
        - name: app
          resources:
            requests: {{cpu: 500m, memory: 768Mi}}
            limits: {{memory: 1Gi}}
""" for n, _, _, _ in APPS))
write("overlays/prod/servicemonitor.yaml", """# Prometheus Operator: scrape every DM Desk service (the pod annotations serve plain Prometheus).
apiVersion: monitoring.coreos.com/v1
kind: ServiceMonitor
metadata:
  name: dmdesk
spec:
  selector:
    matchLabels:
      app.kubernetes.io/part-of: dmdesk
  endpoints:
    - port: http
      path: /actuator/prometheus
      interval: 15s
""")

# ---- prod-keda: prod, with KEDA scaling the consumers on their consumer groups' lag instead of the HPAs.
# KEDA makes its own HPA per ScaledObject (keda-hpa-<name>); two HPAs on one Deployment fight, so this overlay
# deletes the base's. The prod overlay stays the fallback for clusters without KEDA.
write("overlays/prod-keda/kustomization.yaml", """# Prod with KEDA: consumers scale on Kafka consumer lag per group (and on CPU), 2-12 replicas.
# Needs KEDA (keda.sh/v1alpha1) in the cluster; without it use ../prod (HPA on CPU). See docs/SCALING.md.
apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
namespace: dmdesk
bases:
  - ../prod
resources:
  - scaledobjects.yaml
patchesStrategicMerge:
  - delete-hpas.yaml
""")
write("overlays/prod-keda/delete-hpas.yaml", "".join(f"""---
# KEDA's ScaledObject {n} owns this Deployment's HPA now.
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: {n}
$patch: delete
""" for n, _, m, _ in APPS if m))

def kafka_trigger(service, topic, lag):
    return f"""    - type: kafka
      metadata:
        bootstrapServers: {PROD_BOOTSTRAP}
        consumerGroup: {service}
        topic: {topic}
        lagThreshold: "{lag}"
        offsetResetPolicy: earliest   # the services' groups start at the earliest offset
        allowIdleConsumers: "false"   # never more replicas than partitions ({PARTITIONS[topic]})
"""

write("overlays/prod-keda/scaledobjects.yaml", "".join(f"""---
# {n}: group {n} on {", ".join(t for t, _ in CONSUMES[n])}. Desired replicas = max over the triggers
# (lag / lagThreshold per topic, CPU 70%), within {r}-{m}.
apiVersion: keda.sh/v1alpha1
kind: ScaledObject
metadata:
  name: {n}
spec:
  scaleTargetRef: {{apiVersion: apps/v1, kind: Deployment, name: {n}}}
  minReplicaCount: {r}
  maxReplicaCount: {min([m] + [PARTITIONS[t] for t, _ in CONSUMES[n]])}
  pollingInterval: 15
  advanced:
    horizontalPodAutoscalerConfig:
      behavior:
        scaleDown:
          stabilizationWindowSeconds: 300   # every scale step rebalances the consumer group
  triggers:
""" + "".join(kafka_trigger(n, t, lag) for t, lag in CONSUMES[n]) + """    - type: cpu
      metricType: Utilization
      metadata: {value: "70"}
""" for n, _, m, r in APPS if m))

# ---- kafka-strimzi: an example Kafka for prod, run by the Strimzi operator: KRaft, node pools, the topics.
RF, MIN_ISR = 3, 2
write("overlays/kafka-strimzi/kustomization.yaml", f"""# Example Kafka for DM Desk on the Strimzi operator (kafka.strimzi.io/v1beta2): KRaft with a 3-node
# controller pool and a 3-node broker pool, RF {RF}, min ISR {MIN_ISR}, and a KafkaTopic per topic of the contracts'
# topic table (partitions and retention from contracts Topics.java) and per dead-letter topic. Install the operator
# first (watching namespace {STRIMZI_NAMESPACE}); the bootstrap address is the one prod's ConfigMap names:
# {PROD_BOOTSTRAP}. See docs/SCALING.md.
apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
namespace: {STRIMZI_NAMESPACE}
commonLabels:
  app.kubernetes.io/part-of: dmdesk
resources:
  - kafka.yaml
  - topics.yaml
""")
write("overlays/kafka-strimzi/kafka.yaml", f"""apiVersion: kafka.strimzi.io/v1beta2
kind: KafkaNodePool
metadata:
  name: controller
  labels: {{strimzi.io/cluster: {STRIMZI_CLUSTER}}}
spec:
  replicas: 3   # a KRaft quorum of 3 survives one controller down
  roles: [controller]
  storage:
    type: persistent-claim
    size: 10Gi
    deleteClaim: false
  resources:
    requests: {{cpu: 250m, memory: 1Gi}}
    limits: {{memory: 1Gi}}
---
apiVersion: kafka.strimzi.io/v1beta2
kind: KafkaNodePool
metadata:
  name: broker
  labels: {{strimzi.io/cluster: {STRIMZI_CLUSTER}}}
spec:
  replicas: 3   # RF {RF}: every partition on every broker; one broker down keeps min ISR {MIN_ISR}
  roles: [broker]
  storage:
    type: jbod
    volumes:
      - {{id: 0, type: persistent-claim, size: 100Gi, deleteClaim: false}}
  resources:
    requests: {{cpu: "1", memory: 4Gi}}
    limits: {{memory: 4Gi}}
---
apiVersion: kafka.strimzi.io/v1beta2
kind: Kafka
metadata:
  name: {STRIMZI_CLUSTER}
  annotations:
    # Needed by Strimzi 0.39-0.45; from 0.46 KRaft and node pools are the only mode and these are ignored.
    strimzi.io/kraft: enabled
    strimzi.io/node-pools: enabled
spec:
  kafka:
    version: 4.1.0   # a Kafka version your Strimzi release supports; the services use kafka-clients 4.1
    listeners:
      - {{name: plain, port: 9092, type: internal, tls: false}}
      - {{name: tls, port: 9093, type: internal, tls: true}}
    config:
      default.replication.factor: {RF}
      min.insync.replicas: {MIN_ISR}
      offsets.topic.replication.factor: {RF}
      transaction.state.log.replication.factor: {RF}
      transaction.state.log.min.isr: {MIN_ISR}
      auto.create.topics.enable: false   # every topic is declared (topics.yaml) or created by the services
  entityOperator:
    topicOperator: {{}}
    userOperator: {{}}
""")

def kafka_topic(name, partitions, retention_ms, why):
    return f"""---
# {why}
apiVersion: kafka.strimzi.io/v1beta2
kind: KafkaTopic
metadata:
  name: {name.replace(".", "-")}
  labels: {{strimzi.io/cluster: {STRIMZI_CLUSTER}}}
spec:
  topicName: {name}
  partitions: {partitions}
  replicas: {RF}
  config:
    retention.ms: "{retention_ms}"
    min.insync.replicas: "{MIN_ISR}"
"""

topic_docs = [kafka_topic(n, p, r, f"{n}: {p} partitions, retention {r // 86_400_000} days (contracts Topics.java)")
              for n, p, r in TOPICS]
for service, consumed in CONSUMES.items():
    for t, _ in consumed:
        retention = max(DLQ_RETENTION_MS, dict((n, r) for n, _, r in TOPICS)[t])
        topic_docs.append(kafka_topic(f"{t}.{service}.dlq", PARTITIONS[t], retention,
                                      f"dead letters of {service} on {t} (Topics.deadLetter)"))
write("overlays/kafka-strimzi/topics.yaml", "# Written by deploy/k8s/generate.py from contracts Topics.java; do not edit.\n"
      + "".join(topic_docs))
