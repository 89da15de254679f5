#!/usr/bin/env bash
# Runs the whole DM Desk system locally with only a JDK >= 17: no Docker, no manual downloads.
#
#   ./deploy/local/up.sh              build if needed, start everything, wait until healthy, stay in
#                                     the foreground; Ctrl-C stops everything
#   ./deploy/local/up.sh --detach     same, but return once healthy; stop with ./deploy/local/down.sh
#   ./deploy/local/up.sh --dry-run    print the commands it would start (with their environment), start nothing
#   options: --no-build (never build), --rebuild (always build), -h|--help
#
# Environment:
#   DMDESK_BIND_ADDRESS       where the HTTP ports listen: 127.0.0.1 (default, this machine only) or 0.0.0.0
#                             (every interface: other machines can then sign in with the local passwords)
#   MONGODB_URI               use this MongoDB instead of starting LocalMongo (e.g. a replica set)
#   KAFKA_BOOTSTRAP_SERVERS   use this Kafka instead of starting LocalKafka
#   DMDESK_JVM_PROFILE        startup (default) or throughput: the apps' JVM settings (docs/LOCAL_STACK.md)
#   JAVA_OPTS                 JVM flags for the Spring Boot apps (overrides DMDESK_JVM_PROFILE)
#   KAFKA_JAVA_OPTS, MONGO_JAVA_OPTS   JVM flags for the Kafka broker / the Mongo store
#   DMDESK_APPS               which apps to start (default: all), e.g. "sandbox intake-service";
#                             "none" = only Kafka and Mongo
#   DMDESK_LOCAL_USERS_FILE   local users and service account (default deploy/local/security-local.yml)
#   HEALTH_TIMEOUT_SECONDS    default 180; STOP_TIMEOUT_SECONDS default 20
#   MONGO_PORT (27017), KAFKA_PORT (9092), KAFKA_CONTROLLER_PORT (9093)
#
# Data lives under .local/ (kafka, mongo, sandbox, logs, run); a second start reuses it.
# See docs/LOCAL_STACK.md.
set -euo pipefail

# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

VERSION="0.1.0-SNAPSHOT"
DETACH=0
DRY_RUN=0
BUILD_MODE="auto"

usage() { sed -n '2,23p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; }

while (($# > 0)); do
  case "$1" in
    -d | --detach) DETACH=1 ;;
    --dry-run) DRY_RUN=1 ;;
    --no-build) BUILD_MODE="never" ;;
    --rebuild) BUILD_MODE="always" ;;
    -h | --help) usage; exit 0 ;;
    *) usage >&2; die "unknown option: $1" ;;
  esac
  shift
done

# name port jar (relative to the repo root)
ALL_APPS=(
  "sandbox 8090 sandbox/target/sandbox-${VERSION}-exec.jar"
  "intake-service 8081 intake-service/target/intake-service-${VERSION}-exec.jar"
  "triage-service 8082 triage-service/target/triage-service-${VERSION}-exec.jar"
  "case-bridge-service 8083 case-bridge-service/target/case-bridge-service-${VERSION}-exec.jar"
  "notifier-service 8084 notifier-service/target/notifier-service-${VERSION}-exec.jar"
  "audit-service 8085 audit-service/target/audit-service-${VERSION}-exec.jar"
)
STACK_JAR="deploy/local-stack/target/local-stack-${VERSION}.jar"
STACK_LIB="deploy/local-stack/target/lib"

APP_NAMES=() APP_PORTS=() APP_JARS=()
wanted="${DMDESK_APPS:-}"
wanted="${wanted//,/ }"
for entry in "${ALL_APPS[@]}"; do
  [[ "${wanted// /}" == "none" ]] && break
  read -r name port jar <<<"$entry"
  if [[ -z "${wanted// /}" || " ${wanted} " == *" ${name} "* ]]; then
    APP_NAMES+=("$name"); APP_PORTS+=("$port"); APP_JARS+=("$jar")
  fi
done
if [[ -n "${wanted// /}" && "${wanted// /}" != "none" ]]; then
  for name in $wanted; do
    [[ " ${APP_NAMES[*]} " == *" ${name} "* ]] || die "unknown app in DMDESK_APPS: ${name}"
  done
fi

START_MONGO=1 START_KAFKA=1
[[ -n "${MONGODB_URI:-}" ]] && START_MONGO=0
[[ -n "${KAFKA_BOOTSTRAP_SERVERS:-}" ]] && START_KAFKA=0
MONGO_PORT="${MONGO_PORT:-27017}"
KAFKA_PORT="${KAFKA_PORT:-9092}"
KAFKA_CONTROLLER_PORT="${KAFKA_CONTROLLER_PORT:-9093}"
export MONGODB_URI="${MONGODB_URI:-mongodb://localhost:${MONGO_PORT}}"
export KAFKA_BOOTSTRAP_SERVERS="${KAFKA_BOOTSTRAP_SERVERS:-localhost:${KAFKA_PORT}}"
export SANDBOX_URL="${SANDBOX_URL:-http://localhost:8090}"
export LOG_DIR="${LOG_DIR_LOCAL}"
# The master key that wraps the data keys of personal fields on the wire (docs/CRYPTO_SHREDDING.md): generated once
# into .local/ (owner-only) and kept there with the key store it unlocks; DMDESK_MASTER_KEYS overrides it.
if [[ -z "${DMDESK_MASTER_KEYS:-}" ]]; then
  MASTER_KEY_FILE="${LOCAL_DIR}/master-keys"
  if [[ ! -s "$MASTER_KEY_FILE" ]]; then
    mkdir -p "$LOCAL_DIR"
    (umask 077 && printf 'local1:%s\n' "$(head -c 32 /dev/urandom | base64 | tr -d '\n')" > "$MASTER_KEY_FILE")
  fi
  DMDESK_MASTER_KEYS="$(cat "$MASTER_KEY_FILE")"
  export DMDESK_MASTER_KEYS
fi
HEALTH_TIMEOUT_SECONDS="${HEALTH_TIMEOUT_SECONDS:-180}"
# Kafka and Mongo always listen on localhost (they have no authentication); the HTTP ports on this address.
BIND_ADDRESS="$(bind_address)"
# Local users with documented passwords (docs/LOCAL_STACK.md) for the local stack only; production uses OIDC.
LOCAL_USERS_FILE="${DMDESK_LOCAL_USERS_FILE:-${ROOT_DIR}/deploy/local/security-local.yml}"
# Two profiles, because one machine runs all seven JVMs: "startup" (C1 only, small heaps) starts the whole stack
# fastest and smallest, for trying it out and for the tests; "throughput" (C2, bigger heaps, parallel GC) is what
# the load harness measures against, since a C1-only JVM is several times slower on the hot paths.
# The store follows the profile too: under load it is the busiest JVM of the stack (docs/SCALING.md, profile).
case "${DMDESK_JVM_PROFILE:-startup}" in
  startup)
    PROFILE_JAVA_OPTS="-Xms64m -Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xss512k"
    PROFILE_MONGO_OPTS="-Xms32m -Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xss512k" ;;
  throughput)
    PROFILE_JAVA_OPTS="-Xms256m -Xmx768m -XX:+UseParallelGC -XX:ParallelGCThreads=2 -Xss512k"
    PROFILE_MONGO_OPTS="-Xms128m -Xmx768m -XX:+UseParallelGC -XX:ParallelGCThreads=2 -Xss512k" ;;
  *) echo "DMDESK_JVM_PROFILE must be startup or throughput, was '${DMDESK_JVM_PROFILE}'" >&2; exit 2 ;;
esac
APP_JAVA_OPTS="${JAVA_OPTS:-$PROFILE_JAVA_OPTS}"
KAFKA_OPTS_STR="${KAFKA_JAVA_OPTS:--Xms128m -Xmx512m -XX:+UseSerialGC -Xss512k}"
MONGO_OPTS_STR="${MONGO_JAVA_OPTS:-$PROFILE_MONGO_OPTS}"

cd "$ROOT_DIR"

# --- Java -------------------------------------------------------------------------------------
if [[ -n "${JAVA_HOME:-}" && -x "${JAVA_HOME}/bin/java" ]]; then
  JAVA="${JAVA_HOME}/bin/java"
elif command -v java >/dev/null 2>&1; then
  JAVA="$(command -v java)"
else
  die "no java found: install a JDK >= 17 (e.g. apt-get install openjdk-17-jdk-headless) or set JAVA_HOME"
fi
java_major="$("$JAVA" -version 2>&1 | sed -n -E '1s/.*version "([0-9]+)(\.[0-9]+)?.*/\1/p')"
if [[ ! "$java_major" =~ ^[0-9]+$ ]] || ((java_major < 17)); then
  die "JDK >= 17 required; ${JAVA} is: $("$JAVA" -version 2>&1 | head -n 1)"
fi

# --- Refuse to start over a running stack ---------------------------------------------------------
if ((DRY_RUN)); then
  log "dry run: printing the commands, building and starting nothing"
else
  mkdir -p "$RUN_DIR" "$LOG_DIR_LOCAL" "${LOCAL_DIR}/kafka" "${LOCAL_DIR}/mongo" "${LOCAL_DIR}/sandbox"
  running="$(running_pids)"
  if [[ -n "$running" ]]; then
    die "a local stack is already running (pid name: $(printf '%s' "$running" | tr '\n' ',' | sed 's/,$//')). Stop it with ./deploy/local/down.sh"
  fi
fi

# --- Build ------------------------------------------------------------------------------------
BUILD_STAMP="${RUN_DIR}/../build.stamp"
needs_build() {
  local jar ref newer
  [[ -d "$STACK_LIB" && -f "$STACK_JAR" ]] || return 0
  for jar in "${APP_JARS[@]}"; do
    [[ -f "$jar" ]] || return 0
  done
  # Compare sources with the last successful build (or, if up.sh never built, the oldest jar).
  if [[ -f "$BUILD_STAMP" ]]; then
    ref="$BUILD_STAMP"
  else
    # shellcheck disable=SC2012 # plain repo paths; ls -tr is the portable way to sort by mtime
    ref="$(ls -1tr -- "$STACK_JAR" "${APP_JARS[@]}" | head -n 1)"
  fi
  newer="$(find . \( -name .git -o -name .local -o -name target -o -name node_modules \) -prune -o \
    -type f \( -name pom.xml -o -path '*/src/*' \) -newer "$ref" -print -quit)"
  if [[ -n "$newer" ]]; then
    log "sources changed since the last build (e.g. ${newer#./})"
    return 0
  fi
  return 1
}

if ((DRY_RUN)); then
  :
elif [[ "$BUILD_MODE" == "always" ]] || { [[ "$BUILD_MODE" == "auto" ]] && needs_build; }; then
  # Only the modules the stack runs (plus what they depend on, -am); not e2e-tests.
  build_modules="deploy/local-stack"
  for name in "${APP_NAMES[@]}"; do build_modules="${build_modules},${name}"; done
  log "building: ./mvnw -B -q -DskipTests -pl ${build_modules} -am package (first time takes a few minutes)"
  build_start="$(now_ms)"
  ./mvnw -B -q -DskipTests -pl "$build_modules" -am package || die "build failed (see the Maven output above)"
  touch "$BUILD_STAMP"
  log "build finished in $((($(now_ms) - build_start) / 1000)) s"
elif [[ "$BUILD_MODE" == "never" ]]; then
  log "skipping the build (--no-build)"
else
  log "jars are up to date; skipping the build (--rebuild forces one)"
fi
if ((!DRY_RUN)); then
  for jar in "$STACK_JAR" "${APP_JARS[@]}"; do
    [[ -f "$jar" ]] || die "missing ${jar}: build first (./mvnw -B -DskipTests package) or drop --no-build"
  done
  [[ -d "$STACK_LIB" ]] || die "missing ${STACK_LIB}: build deploy/local-stack first"
fi
[[ -f "$LOCAL_USERS_FILE" ]] || die "DMDESK_LOCAL_USERS_FILE: no such file: ${LOCAL_USERS_FILE}"

# --- Ports ------------------------------------------------------------------------------------
check_port_free() {
  ((DRY_RUN)) && return 0
  if port_open localhost "$1"; then
    die "port $1 ($2) is already in use by another process; stop it first (or stop a previous stack with ./deploy/local/down.sh)"
  fi
}
if ((START_MONGO)); then check_port_free "$MONGO_PORT" "LocalMongo"; fi
if ((START_KAFKA)); then
  check_port_free "$KAFKA_PORT" "LocalKafka"
  check_port_free "$KAFKA_CONTROLLER_PORT" "LocalKafka controller"
fi
for i in "${!APP_NAMES[@]}"; do check_port_free "${APP_PORTS[$i]}" "${APP_NAMES[$i]}"; done

# --- Process handling -----------------------------------------------------------------------------
STARTED_NAMES=() STARTED_PIDS=()
SLEEP_PID=""
STOPPING=0

cleanup() {
  ((STOPPING)) && return 0
  STOPPING=1
  if [[ -n "$SLEEP_PID" ]]; then kill "$SLEEP_PID" 2>/dev/null || true; fi
  stop_all
  log "stopped"
}
on_signal() {
  trap - INT TERM HUP
  # Ctrl-C also ends a `| tee` reading our output: a write to it must not kill us (SIGPIPE) before the
  # children are stopped.
  trap '' PIPE
  printf '\n' 2>/dev/null || true
  log "received $1; stopping the stack"
  cleanup
  trap - EXIT
  case "$1" in INT) exit 130 ;; HUP) exit 129 ;; *) exit 143 ;; esac
}
trap 'on_signal INT' INT
trap 'on_signal TERM' TERM
trap 'on_signal HUP' HUP
trap 'rc=$?; if ((rc != 0)); then trap "" PIPE; cleanup; fi' EXIT

# start_proc TIER NAME COMMAND...: runs COMMAND in its own session (so Ctrl-C reaches only this
# script, which then stops things in order), output to .local/logs/NAME.log (previous run: .log.1).
start_proc() {
  local tier="$1" name="$2" logfile pid
  shift 2
  if ((DRY_RUN)); then
    printf '%s: ' "$name"
    printf '%q ' "$@"
    printf '\n'
    return 0
  fi
  logfile="${LOG_DIR_LOCAL}/${name}.log"
  if [[ -s "$logfile" ]]; then mv -f "$logfile" "${logfile}.1"; fi
  if command -v setsid >/dev/null 2>&1; then
    nohup setsid "$@" >"$logfile" 2>&1 </dev/null &
  else
    set -m
    nohup "$@" >"$logfile" 2>&1 </dev/null &
    set +m
  fi
  pid=$!
  printf '%s %s\n' "$pid" "$name" >"${RUN_DIR}/${tier}-${name}.pid"
  # The exact command, so that lib.sh can start this one process again (deploy/local/chaos.sh does).
  printf '%s\0' "$@" >"${RUN_DIR}/${tier}-${name}.cmd"
  STARTED_NAMES+=("$name"); STARTED_PIDS+=("$pid")
}

fail_with_log() {
  local name="$1" why="$2" logfile="${LOG_DIR_LOCAL}/${1}.log"
  printf '\n' >&2
  warn "${name} ${why}. Last lines of ${logfile}:"
  if [[ -f "$logfile" ]]; then tail -n 60 "$logfile" | sed 's/^/    /' >&2; fi
  exit 1 # the EXIT trap stops everything
}

pid_of() {
  local i
  for i in "${!STARTED_NAMES[@]}"; do
    if [[ "${STARTED_NAMES[$i]}" == "$1" ]]; then printf '%s\n' "${STARTED_PIDS[$i]}"; return 0; fi
  done
  return 1
}

wait_port() {
  local name="$1" port="$2" timeout="$3" pid start
  pid="$(pid_of "$name")"
  start="$(now_ms)"
  until port_open localhost "$port"; do
    is_ours "$pid" "$name" || fail_with_log "$name" "exited during startup"
    if (($(now_ms) - start > timeout * 1000)); then fail_with_log "$name" "did not open port ${port} within ${timeout}s"; fi
    sleep 0.2
  done
  log "${name} is accepting connections on ${port} ($(($(now_ms) - start)) ms)"
}

# health PORT: prints the actuator status ("UP", "DOWN", ...) or nothing when unreachable.
health() {
  local port="$1" out code body
  if command -v curl >/dev/null 2>&1; then
    out="$(curl -s -m 3 -w '\n%{http_code}' "http://localhost:${port}/actuator/health" 2>/dev/null || true)"
    code="${out##*$'\n'}"
    body="${out%$'\n'*}"
  else
    out="$(
      exec 3<>"/dev/tcp/localhost/${port}" || exit 0
      printf 'GET /actuator/health HTTP/1.0\r\nHost: localhost:%s\r\nConnection: close\r\n\r\n' "$port" >&3
      timeout 3 cat <&3 || true
    )" 2>/dev/null || true
    code="$(printf '%s\n' "$out" | sed -n -E '1s/^HTTP\/[0-9.]+ ([0-9]+).*/\1/p' | tr -d '\r')"
    body="$out"
  fi
  [[ -n "$code" && "$code" != "000" ]] || return 0
  if [[ "$code" == "200" && "$body" == *'"status":"UP"'* ]]; then
    printf 'UP\n'
  else
    printf '%s\n' "$(printf '%s' "$body" | sed -n -E 's/.*"status":"([A-Z_]+)".*/\1/p' | head -n 1)"
  fi
}

# --- Start ----------------------------------------------------------------------------------------
t0="$(now_ms)"
read -r -a kafka_opts <<<"$KAFKA_OPTS_STR"
read -r -a mongo_opts <<<"$MONGO_OPTS_STR"
read -r -a app_opts <<<"$APP_JAVA_OPTS"
STACK_CP="${STACK_JAR}:${STACK_LIB}/*"

if ((START_MONGO)); then
  log "starting LocalMongo (mongo-java-server + H2 file in .local/mongo) on ${MONGO_PORT}"
  start_proc 3 mongo "$JAVA" "${mongo_opts[@]}" -Ddmdesk.local=mongo -cp "$STACK_CP" \
    io.dmdesk.localstack.LocalMongo --data-dir "${LOCAL_DIR}/mongo" --port "$MONGO_PORT"
else
  log "using MONGODB_URI from the environment; not starting LocalMongo"
fi
if ((START_KAFKA)); then
  log "starting LocalKafka (Apache Kafka ${KAFKA_PORT}, KRaft controller ${KAFKA_CONTROLLER_PORT}, data in .local/kafka)"
  start_proc 2 kafka "$JAVA" "${kafka_opts[@]}" -Ddmdesk.local=kafka -cp "$STACK_CP" \
    io.dmdesk.localstack.LocalKafka --data-dir "${LOCAL_DIR}/kafka" --port "$KAFKA_PORT" \
    --controller-port "$KAFKA_CONTROLLER_PORT"
else
  log "using KAFKA_BOOTSTRAP_SERVERS=${KAFKA_BOOTSTRAP_SERVERS}; not starting LocalKafka"
fi
if ((START_MONGO && !DRY_RUN)); then wait_port mongo "$MONGO_PORT" 60; fi
if ((START_KAFKA && !DRY_RUN)); then wait_port kafka "$KAFKA_PORT" 120; fi

for i in "${!APP_NAMES[@]}"; do
  name="${APP_NAMES[$i]}"
  extra_env=("SERVER_PORT=${APP_PORTS[$i]}" "SERVER_ADDRESS=${BIND_ADDRESS}")
  if [[ "$name" == "sandbox" ]]; then
    # The sandbox delivers signed X and Meta webhooks to the local intake, as the real platforms would.
    extra_env+=("SANDBOX_DATA_DIR=${LOCAL_DIR}/sandbox"
      "SANDBOX_X_WEBHOOK_URL=${SANDBOX_X_WEBHOOK_URL:-http://localhost:8081/webhooks/x}"
      "SANDBOX_META_WEBHOOK_URL=${SANDBOX_META_WEBHOOK_URL:-http://localhost:8081/webhooks/meta}")
  fi
  security_opts=()
  if [[ "$name" != "sandbox" ]]; then
    # The sandbox simulates outside parties and stays open; every service gets the local users.
    security_opts=("-Dspring.config.additional-location=file:${LOCAL_USERS_FILE}")
  fi
  start_proc 1 "$name" env "${extra_env[@]}" "$JAVA" "${app_opts[@]}" "${security_opts[@]}" \
    "-Ddmdesk.local=${name}" -jar "${APP_JARS[$i]}"
done
if ((DRY_RUN)); then
  trap - INT TERM HUP EXIT
  exit 0
fi
if ((${#APP_NAMES[@]} > 0)); then
  log "started ${APP_NAMES[*]}; waiting for /actuator/health = UP (timeout ${HEALTH_TIMEOUT_SECONDS}s)"
fi

# --- Wait until healthy ---------------------------------------------------------------------------
UP_AT=() # seconds-to-UP per app index (bash 3 compatible, no associative arrays)
health_start="$(now_ms)"
last_progress=0
while ((${#UP_AT[@]} < ${#APP_NAMES[@]})); do
  pending=()
  for i in "${!APP_NAMES[@]}"; do
    name="${APP_NAMES[$i]}"
    [[ -n "${UP_AT[$i]:-}" ]] && continue
    is_ours "$(pid_of "$name")" "$name" || fail_with_log "$name" "exited during startup"
    status="$(health "${APP_PORTS[$i]}")"
    if [[ "$status" == "UP" ]]; then
      UP_AT[i]=$((($(now_ms) - t0) / 1000))
      log "${name} UP (${UP_AT[$i]} s)"
    else
      pending+=("${name}${status:+(${status})}")
    fi
  done
  ((${#pending[@]} == 0)) && break
  elapsed=$((($(now_ms) - health_start) / 1000))
  if ((elapsed >= HEALTH_TIMEOUT_SECONDS)); then
    for p in "${pending[@]}"; do warn "not healthy after ${HEALTH_TIMEOUT_SECONDS}s: ${p}"; done
    fail_with_log "${pending[0]%%(*}" "did not become healthy within ${HEALTH_TIMEOUT_SECONDS}s"
  fi
  if ((elapsed - last_progress >= 10)); then
    log "waiting ($((($(now_ms) - t0) / 1000)) s): ${pending[*]}"
    last_progress=$elapsed
  fi
  sleep 1 &
  SLEEP_PID=$!
  wait "$SLEEP_PID" || true
  SLEEP_PID=""
done

# --- Ready --------------------------------------------------------------------------------------
total_s="$((($(now_ms) - t0) / 1000))"
cat <<EOF

  DM Desk local stack is healthy after ${total_s} s.

  Kafka      ${KAFKA_BOOTSTRAP_SERVERS}$( ((START_KAFKA)) || printf ' (external)')
  MongoDB    ${MONGODB_URI}$( ((START_MONGO)) || printf ' (external)')
EOF
if [[ "$BIND_ADDRESS" == "127.0.0.1" ]]; then
  printf '  HTTP       on 127.0.0.1 only (DMDESK_BIND_ADDRESS=0.0.0.0 opens it to other machines)\n'
else
  warn "HTTP ports listen on every interface (DMDESK_BIND_ADDRESS=${BIND_ADDRESS}): anyone who reaches this machine can sign in with the published local passwords"
fi
for i in "${!APP_NAMES[@]}"; do
  port="${APP_PORTS[$i]}"
  if [[ "${APP_NAMES[$i]}" == "triage-service" ]]; then
    printf '  %-20s http://localhost:%s/console/   (operator console; sign in at /login)\n' "console" "$port"
  fi
  if [[ "${APP_NAMES[$i]}" == "sandbox" ]]; then
    printf '  %-20s http://localhost:%s/   (citizen page + control API)\n' "sandbox" "$port"
  fi
  printf '  %-20s http://localhost:%s/actuator/health   http://localhost:%s/actuator/prometheus\n' \
    "${APP_NAMES[$i]}" "$port" "$port"
done
if [[ "$LOCAL_USERS_FILE" == "${ROOT_DIR}/deploy/local/security-local.yml" ]]; then
  cat <<EOF

  Local users (this local stack only, never production; see docs/LOCAL_STACK.md):
    operator   / operator-local     OPERATOR
    supervisor / supervisor-local   OPERATOR, SUPERVISOR
    auditor    / auditor-local      AUDITOR   e.g. curl -u auditor:auditor-local localhost:8085/api/audit/verify
    admin      / admin-local        ADMIN     e.g. curl -u admin:admin-local localhost:8081/admin/dlq
    svc-dmdesk / svc-dmdesk-local   SERVICE   (calls between the services)
EOF
else
  printf '\n  Local users: from %s\n' "$LOCAL_USERS_FILE"
fi
cat <<EOF

  Logs       ${LOG_DIR_LOCAL}/<name>.log   (tail -f ${LOG_DIR_LOCAL}/*.log)
  Data       ${LOCAL_DIR}   (reset: stop, then rm -rf .local)

  Try it:
    curl -s -X POST localhost:8090/control/messages -H 'Content-Type: application/json' -d '{"platform":"x","channel":"dm","account":"DemoPolice","sender":"jane_citizen","text":"Someone broke into my car last night on Elm Street"}'
    curl -s localhost:8090/control/cases
    curl -s 'localhost:8090/control/replies?recipient=jane_citizen'

EOF

if ((DETACH)); then
  trap - INT TERM HUP EXIT
  log "running in the background; stop with ./deploy/local/down.sh"
  exit 0
fi

log "press Ctrl-C to stop everything"
while :; do
  for i in "${!STARTED_NAMES[@]}"; do
    if ! is_ours "${STARTED_PIDS[$i]}" "${STARTED_NAMES[$i]}"; then
      fail_with_log "${STARTED_NAMES[$i]}" "exited unexpectedly"
    fi
  done
  sleep 2 &
  SLEEP_PID=$!
  wait "$SLEEP_PID" || true
  SLEEP_PID=""
done
