#!/usr/bin/env bash
# A local PostgreSQL in Docker for development (scripts/docker/compose.yaml, image $POSTGRES_IMAGE,
# listening on 127.0.0.1:$LOCAL_PG_PORT). --up starts it and prints its URL; --down removes it and
# its volume. Exits 127 without docker compose, 69 when no Docker engine answers.
#
# Usage: scripts/ci/docker_compose.sh --up | --down
set -euo pipefail
cd "$(dirname "$0")/../.."
# shellcheck source-path=SCRIPTDIR/../..
source scripts/ci/lib.sh

action=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --up) action=up ;;
    --down) action=down ;;
    -h | --help) ci_usage; exit 0 ;;
    *) ci_die "$CI_EXIT_USAGE" "unknown option '$1' (try --help)" ;;
  esac
  shift
done
[[ -n "$action" ]] || ci_die "$CI_EXIT_USAGE" "give --up or --down"

ci_require docker "Docker Engine with the compose plugin"
if docker compose version >/dev/null 2>&1; then
  compose=(docker compose)
elif command -v docker-compose >/dev/null 2>&1; then
  compose=(docker-compose)
else
  ci_die "$CI_EXIT_MISSING_TOOL" "neither 'docker compose' (plugin) nor 'docker-compose' is installed"
fi
if ! docker info >/dev/null 2>&1; then
  ci_die "$CI_EXIT_UNAVAILABLE" "no Docker engine answers (DOCKER_HOST=${DOCKER_HOST:-unix:///var/run/docker.sock}); use 'make run' for a throwaway PostgreSQL without Docker"
fi

export POSTGRES_IMAGE LOCAL_PG_PORT
file=scripts/docker/compose.yaml
if [[ "$action" == up ]]; then
  "${compose[@]}" -f "$file" up -d --wait
  ci_info "PostgreSQL is up: postgresql://lifeos:lifeos@127.0.0.1:${LOCAL_PG_PORT}/lifeos"
else
  "${compose[@]}" -f "$file" down --volumes
  ci_info "PostgreSQL removed"
fi
