#!/usr/bin/env python3
"""Writes the Kustomize base and overlays under deploy/k8s. Edit here, run, commit the YAML.
Only kustomization fields that both old (kubectl 1.20, kustomize v2.0) and current kustomize understand
are used: bases, resources, patchesStrategicMerge, commonLabels, configMapGenerator, secretGenerator, images."""
import os
HERE = os.path.dirname(os.path.abspath(__file__))

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
            - name: MONGODB_URI
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
      - KAFKA_BOOTSTRAP_SERVERS=dmdesk-kafka-bootstrap.kafka.svc:9092
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
