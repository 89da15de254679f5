#!/usr/bin/env bash
# Fault suite under load on the local stack. While the load harness sends DMs through the sandbox at a
# steady rate, in turn: kill -9 and restart each service, restart the Kafka broker, stop the Mongo store for
# a while and start it again, take the sandbox case system down and bring it back, a 429 storm on the X API,
# and poison records on social.inbound and reports.triaged. Then it waits for the drain and prints a table:
# sent, reports, case records, acknowledgements, lost, duplicates, poison records per DLQ. Exit code 1 on any
# violation (a loss, a duplicate, a poison record not in its DLQ) or when a process does not come back.
#
#   ./deploy/local/chaos.sh            starts the stack (up.sh --detach) if none runs; stops it again at the end
#                                      if it started it (CHAOS_KEEP_STACK=1 keeps it)
#
# Environment: CHAOS_RATE (DMs/s, default 1), CHAOS_PAUSE_SECONDS (between faults, default 10),
#   CHAOS_MONGO_DOWN_SECONDS (20), CHAOS_CASES_DOWN_SECONDS (30), CHAOS_429_SECONDS (20),
#   CHAOS_DRAIN_SECONDS (600), CHAOS_SERVICES (default "intake-service triage-service case-bridge-service
#   notifier-service audit-service"), DMDESK_ADMIN_USER / DMDESK_ADMIN_PASSWORD (Basic credentials for the
#   services' own endpoints, once they require a login). Results in .local/chaos/<run>/ (result.json).
set -euo pipefail

# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

case "${1:-}" in
  "") ;;
  -h | --help) sed -n '2,17p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
  *) die "unknown option: $1" ;;
esac

RATE="${CHAOS_RATE:-1}"
PAUSE="${CHAOS_PAUSE_SECONDS:-10}"
MONGO_DOWN="${CHAOS_MONGO_DOWN_SECONDS:-20}"
CASES_DOWN="${CHAOS_CASES_DOWN_SECONDS:-30}"
STORM="${CHAOS_429_SECONDS:-20}"
DRAIN="${CHAOS_DRAIN_SECONDS:-600}"
SERVICES="${CHAOS_SERVICES:-intake-service triage-service case-bridge-service notifier-service audit-service}"
SANDBOX="http://localhost:8090"
VERSION="0.1.0-SNAPSHOT"

service_port() {
  case "$1" in
    intake-service) echo 8081 ;; triage-service) echo 8082 ;; case-bridge-service) echo 8083 ;;
    notifier-service) echo 8084 ;; audit-service) echo 8085 ;; sandbox) echo 8090 ;;
    *) die "unknown service $1" ;;
  esac
}

# Basic credentials for dmdesk services' own endpoints (health stays open; this is for when more is asked).
curl_auth=()
if [[ -n "${DMDESK_ADMIN_USER:-}" ]]; then curl_auth=(-u "${DMDESK_ADMIN_USER}:${DMDESK_ADMIN_PASSWORD:-}"); fi
healthy() { curl -s -m 3 "${curl_auth[@]}" "http://localhost:$1/actuator/health" 2>/dev/null | grep -q '"status":"UP"'; }
await_healthy() {
  local name="$1" port start
  port="$(service_port "$name")"
  start="$(now_ms)"
  until healthy "$port"; do
    (($(now_ms) - start > 240000)) && die "${name} did not become healthy within 240 s after its restart"
    sleep 1
  done
  log "${name} UP again after $((($(now_ms) - start) / 1000)) s"
}
sandbox_put() { curl -sf -m 10 -X PUT "${SANDBOX}$1" -H 'Content-Type: application/json' -d "$2" >/dev/null; }

cd "$ROOT_DIR"
STARTED_STACK=0
if [[ -z "$(running_pids)" ]]; then
  log "no local stack running: starting one (up.sh --detach)"
  ./deploy/local/up.sh --detach
  STARTED_STACK=1
fi
for name in $SERVICES kafka mongo; do
  proc_file "$name" cmd >/dev/null || die "no saved command for ${name}: restart the stack with this version of up.sh"
done

HARNESS_JAR="load-harness/target/load-harness-${VERSION}.jar"
if [[ ! -f "$HARNESS_JAR" || -n "$(find load-harness/src -newer "$HARNESS_JAR" -print -quit)" ]]; then
  log "building the load harness"
  ./mvnw -B -q -o -DskipTests -pl load-harness -am package || ./mvnw -B -q -DskipTests -pl load-harness -am package
fi
JAVA="${JAVA_HOME:+${JAVA_HOME}/bin/}java"
suite() { "$JAVA" -Xmx256m -XX:+UseSerialGC -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "${HARNESS_JAR}:load-harness/target/lib/*" io.dmdesk.load.FaultSuite "$@"; }

RUN="$(date -u +%Y%m%dt%H%M%S)"
RUN_DIR_CHAOS="${LOCAL_DIR}/chaos/${RUN}"
mkdir -p "$RUN_DIR_CHAOS"
LOAD_PID=""
# shellcheck disable=SC2317 # called by the EXIT trap
finish() {
  touch "${RUN_DIR_CHAOS}/stop"
  if [[ -n "$LOAD_PID" ]]; then wait "$LOAD_PID" 2>/dev/null || true; fi
  if ((STARTED_STACK)) && [[ "${CHAOS_KEEP_STACK:-0}" != "1" ]]; then ./deploy/local/down.sh || true; fi
}
trap finish EXIT

t0="$(now_ms)"
suite load --dir "$RUN_DIR_CHAOS" --rate "$RATE" --max-seconds 3600 &
LOAD_PID=$!
step() { log "[$((($(now_ms) - t0) / 1000)) s] $*"; }
sleep "$PAUSE"

for name in $SERVICES; do
  step "kill -9 ${name}"
  kill_proc "$name" KILL
  sleep 3
  step "starting ${name} again"
  start_proc_again "$name"
  await_healthy "$name"
  sleep "$PAUSE"
done

step "restarting the Kafka broker"
kill_proc kafka TERM
sleep 3
start_proc_again kafka
wait_port_open 9092 120 || die "Kafka did not come back within 120 s"
step "Kafka accepts connections again"
sleep "$PAUSE"

step "stopping the Mongo store for ${MONGO_DOWN} s"
kill_proc mongo TERM
sleep "$MONGO_DOWN"
start_proc_again mongo
wait_port_open 27017 60 || die "Mongo did not come back within 60 s"
step "Mongo accepts connections again"
sleep "$PAUSE"

step "case system down (503) for ${CASES_DOWN} s"
sandbox_put /control/faults/cases "{\"status\":503,\"forSeconds\":${CASES_DOWN}}"
sleep "$CASES_DOWN"
curl -sf -m 10 -X DELETE "${SANDBOX}/control/faults/cases" >/dev/null || true
sleep "$PAUSE"

step "429 storm on the X API for ${STORM} s"
sandbox_put /control/faults/x "{\"status\":429,\"forSeconds\":${STORM}}"
sleep "$STORM"
curl -sf -m 10 -X DELETE "${SANDBOX}/control/faults/x" >/dev/null || true
sleep "$PAUSE"

step "poison records"
suite poison --dir "$RUN_DIR_CHAOS"
sleep "$PAUSE"

step "stopping the load"
touch "${RUN_DIR_CHAOS}/stop"
wait "$LOAD_PID" || true
LOAD_PID=""

for name in $SERVICES; do
  proc_pid "$name" >/dev/null || die "${name} is not running at the end of the faults"
done
step "waiting for the drain and checking"
set +e
suite verify --dir "$RUN_DIR_CHAOS" --timeout-seconds "$DRAIN"
rc=$?
set -e
step "done (exit ${rc}); results in ${RUN_DIR_CHAOS}"
exit "$rc"
