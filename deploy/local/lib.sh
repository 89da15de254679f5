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
  local pid="$1" marker="$2"
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  kill -0 "$pid" 2>/dev/null || return 1
  if [[ -r "/proc/${pid}/cmdline" ]]; then
    tr '\0' ' ' <"/proc/${pid}/cmdline" 2>/dev/null | grep -q -- "-Ddmdesk.local=${marker} " || return 1
  fi
  return 0
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
    read -r pid marker <"$f" || true
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
    read -r pid marker <"$f" || true
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
