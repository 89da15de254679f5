# shellcheck shell=bash
# Shared helpers for deploy/local/up.sh and deploy/local/down.sh. Sourced, not executed.
#
# Process bookkeeping: every process the stack starts has a pid file in .local/run named
# <tier>-<name>.pid, containing "<pid> <marker>". Tier 1 = apps, 2 = Kafka, 3 = Mongo; stopping goes
# tier by tier (apps first, Mongo last). The marker (-Ddmdesk.local=<name>) is on the java command
# line, so a recycled pid is never mistaken for one of ours.

ROOT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
LOCAL_DIR="${ROOT_DIR}/.local"
RUN_DIR="${LOCAL_DIR}/run"
# shellcheck disable=SC2034 # used by up.sh
LOG_DIR_LOCAL="${LOCAL_DIR}/logs"
STOP_TIMEOUT_SECONDS="${STOP_TIMEOUT_SECONDS:-20}"

# Writing may fail once the terminal or a pipe (| tee) is gone: that must never stop a shutdown half-way.
log() { printf '[local-stack] %s\n' "$*" 2>/dev/null || true; }
warn() { printf '[local-stack] WARNING: %s\n' "$*" >&2; }
die() { printf '[local-stack] ERROR: %s\n' "$*" >&2; exit 1; }

now_ms() {
  local s
  s="$(date +%s%N 2>/dev/null || true)"
  if [[ "$s" =~ ^[0-9]+$ && ${#s} -gt 12 ]]; then
    printf '%s\n' "$((s / 1000000))"
  else
    printf '%s\n' "$(($(date +%s) * 1000))"
  fi
}

# is_ours PID MARKER: the pid is alive and (where /proc exists) its command line carries the marker.
is_ours() {
  local pid="$1" marker="$2" cmdline
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  kill -0 "$pid" 2>/dev/null || return 1
  [[ -d /proc/self ]] || return 0 # no /proc (e.g. macOS): a live pid is all that can be checked
  # One read, its errors silenced with the redirection's own (a "2>/dev/null" after "<file" comes too late):
  # a stopping stack polls exactly while processes exit, so the pid may be gone by now, and then it is not ours.
  cmdline="$({ tr '\0' ' ' <"/proc/${pid}/cmdline"; } 2>/dev/null)" || return 1
  [[ "$cmdline" == *"-Ddmdesk.local=${marker} "* ]]
}

# bind_address: the address every HTTP server of the stack listens on (Spring's server.address, as
# SERVER_ADDRESS). Loopback unless DMDESK_BIND_ADDRESS says otherwise: the local users' passwords are
# published (docs/LOCAL_STACK.md), so the stack must not answer other machines unless asked to.
# Accepted: 127.0.0.1 (default), 0.0.0.0 or :: (every interface). A single other interface is refused:
# the apps reach each other and the sandbox on localhost.
bind_address() {
  local address="${DMDESK_BIND_ADDRESS:-127.0.0.1}"
  case "$address" in
    127.0.0.1 | 0.0.0.0 | ::) printf '%s\n' "$address" ;;
    *) die "DMDESK_BIND_ADDRESS must be 127.0.0.1 (the default: this machine only) or 0.0.0.0 / :: (every interface), was: ${address}" ;;
  esac
}

# port_open HOST PORT: something accepts TCP connections there.
port_open() {
  local host="$1" port="$2"
  (exec 3<>"/dev/tcp/${host}/${port}") 2>/dev/null
}

# pid_files: the pid files in stop order (tier 1 first).
pid_files() {
  local f
  [[ -d "$RUN_DIR" ]] || return 0
  for f in "$RUN_DIR"/*.pid; do
    [[ -e "$f" ]] && printf '%s\n' "$f"
  done | sort
}

# running_pids: "<pid> <name>" for each pid file whose process is still ours and alive;
# removes stale pid files.
running_pids() {
  local f pid marker
  while IFS= read -r f; do
    pid="" marker="" # a pid file removed meanwhile reads as nothing, not as the previous file's pid
    { read -r pid marker <"$f"; } 2>/dev/null || true
    if is_ours "${pid:-}" "${marker:-}"; then
      printf '%s %s\n' "$pid" "$marker"
    else
      rm -f "$f"
    fi
  done < <(pid_files)
}

# stop_tier TIER: SIGTERM every process of the tier, wait up to STOP_TIMEOUT_SECONDS, SIGKILL leftovers.
stop_tier() {
  local tier="$1" f pid marker waited=0 alive i
  local -a pids=() markers=() files=()
  while IFS= read -r f; do
    [[ "$(basename "$f")" == "${tier}-"* ]] || continue
    pid="" marker=""
    { read -r pid marker <"$f"; } 2>/dev/null || true
    if is_ours "${pid:-}" "${marker:-}"; then
      pids+=("$pid"); markers+=("$marker"); files+=("$f")
      kill -TERM "$pid" 2>/dev/null || true
    else
      rm -f "$f"
    fi
  done < <(pid_files)
  ((${#pids[@]} > 0)) || return 0
  log "stopping ${markers[*]}"
  while :; do
    alive=0
    for i in "${!pids[@]}"; do
      if is_ours "${pids[$i]}" "${markers[$i]}"; then alive=1; fi
    done
    ((alive)) || break
    if ((waited >= STOP_TIMEOUT_SECONDS * 10)); then
      for i in "${!pids[@]}"; do
        if is_ours "${pids[$i]}" "${markers[$i]}"; then
          warn "${markers[$i]} (pid ${pids[$i]}) did not stop within ${STOP_TIMEOUT_SECONDS}s; killing it"
          kill -KILL "${pids[$i]}" 2>/dev/null || true
        fi
      done
      sleep 0.5
      break
    fi
    sleep 0.1
    waited=$((waited + 1))
  done
  for i in "${!files[@]}"; do
    rm -f "${files[$i]}"
  done
}

# stop_all: apps, then Kafka, then Mongo.
stop_all() {
  stop_tier 1
  stop_tier 2
  stop_tier 3
}

# --- One process at a time (deploy/local/chaos.sh) ---------------------------------------------------
# up.sh saves each process's command line next to its pid file (<tier>-<name>.cmd, NUL-separated), so
# one process can be killed and started again exactly as up.sh started it.

# proc_file NAME EXT: the run file of process NAME (any tier), e.g. proc_file kafka pid.
proc_file() {
  local f
  for f in "$RUN_DIR"/?-"$1"."$2"; do
    [[ -e "$f" ]] && { printf '%s\n' "$f"; return 0; }
  done
  return 1
}

# proc_pid NAME: the pid of NAME if it is running and ours.
proc_pid() {
  local f pid marker
  f="$(proc_file "$1" pid)" || return 1
  { read -r pid marker <"$f"; } 2>/dev/null || return 1
  is_ours "$pid" "$marker" || return 1
  printf '%s\n' "$pid"
}

# kill_proc NAME SIGNAL: sends SIGNAL (KILL, TERM) to NAME and waits until it is gone (TERM: at most
# STOP_TIMEOUT_SECONDS, then KILL). The pid file is removed; the command file stays for start_proc_again.
kill_proc() {
  local name="$1" signal="$2" pid waited=0
  pid="$(proc_pid "$name")" || { warn "${name} is not running"; return 0; }
  kill "-${signal}" "$pid" 2>/dev/null || true
  while is_ours "$pid" "$name"; do
    if ((waited >= STOP_TIMEOUT_SECONDS * 10)); then
      warn "${name} (pid ${pid}) did not stop within ${STOP_TIMEOUT_SECONDS}s; killing it"
      kill -KILL "$pid" 2>/dev/null || true
    fi
    sleep 0.1
    waited=$((waited + 1))
  done
  rm -f "$(proc_file "$name" pid)"
}

# start_proc_again NAME: starts NAME with the command up.sh used (its log goes on in .local/logs/NAME.log).
start_proc_again() {
  local name="$1" cmd_file tier pid
  local -a cmd=()
  cmd_file="$(proc_file "$name" cmd)" || die "no saved command for ${name}: start the stack with up.sh first"
  proc_pid "$name" >/dev/null && die "${name} is already running"
  tier="$(basename "$cmd_file")"
  tier="${tier%%-*}"
  while IFS= read -r -d '' arg; do cmd+=("$arg"); done <"$cmd_file"
  if command -v setsid >/dev/null 2>&1; then
    nohup setsid "${cmd[@]}" >>"${LOG_DIR_LOCAL}/${name}.log" 2>&1 </dev/null &
  else
    set -m
    nohup "${cmd[@]}" >>"${LOG_DIR_LOCAL}/${name}.log" 2>&1 </dev/null &
    set +m
  fi
  pid=$!
  printf '%s %s\n' "$pid" "$name" >"${RUN_DIR}/${tier}-${name}.pid"
}

# wait_healthy PORT TIMEOUT: until /actuator/health on PORT answers "status":"UP".
wait_healthy() {
  local port="$1" timeout="$2" start
  start="$(now_ms)"
  until curl -s -m 3 "http://localhost:${port}/actuator/health" 2>/dev/null | grep -q '"status":"UP"'; do
    (($(now_ms) - start > timeout * 1000)) && return 1
    sleep 1
  done
}

# wait_port_open PORT TIMEOUT
wait_port_open() {
  local port="$1" timeout="$2" start
  start="$(now_ms)"
  until port_open localhost "$port"; do
    (($(now_ms) - start > timeout * 1000)) && return 1
    sleep 0.5
  done
}
