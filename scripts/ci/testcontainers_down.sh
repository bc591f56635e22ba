#!/usr/bin/env bash
# Undoes testcontainers_up.sh: removes any container and volume the tests left (there should be
# none: the harness disposes its containers), stops the registry and the dockerd it started (by
# PID; an engine that was already running is left alone).
#
# Usage: scripts/ci/testcontainers_down.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
# shellcheck source-path=SCRIPTDIR/../..
source scripts/ci/lib.sh

case "${1:-}" in
  "") ;;
  -h | --help) ci_usage; exit 0 ;;
  *) ci_die "$CI_EXIT_USAGE" "unknown option '$1' (try --help)" ;;
esac

state="artifacts/docker"
left="$(docker ps -aq --filter label=org.testcontainers=true 2>/dev/null || true)"
if [[ -n "$left" ]]; then
  ci_warn "removing containers the tests left: $left"
  # shellcheck disable=SC2086 # one id per word
  docker rm -f -v $left >/dev/null || true
fi
stop() { # PIDFILE NAME
  [[ -f "$1" ]] || return 0
  local pid
  pid="$(cat "$1")"
  if kill -0 "$pid" 2>/dev/null; then
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
    ci_info "stopped $2 (pid $pid)"
  fi
  rm -f "$1"
}
stop /var/lib/lifeos-registry/registry.pid "the image registry"
stop "$state/dockerd.pid" dockerd
