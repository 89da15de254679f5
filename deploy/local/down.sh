#!/usr/bin/env bash
# Stops a local stack started with ./deploy/local/up.sh (--detach or in another terminal):
# SIGTERM to the apps first, then Kafka, then Mongo; each tier gets STOP_TIMEOUT_SECONDS (20) before
# SIGKILL. Uses the pid files in .local/run; data in .local/ is kept (reset: rm -rf .local).
set -euo pipefail

# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

case "${1:-}" in
  "") ;;
  -h | --help) sed -n '2,4p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
  *) die "unknown option: $1" ;;
esac

running="$(running_pids)"
if [[ -z "$running" ]]; then
  log "no local stack is running (no live pid files in ${RUN_DIR})"
  exit 0
fi
stop_all
left="$(running_pids)"
[[ -z "$left" ]] || die "still running: ${left}"
log "stopped"
