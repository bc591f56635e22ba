#!/usr/bin/env bash
# Makes the Testcontainers provider runnable on this machine (root, Debian's docker.io): starts
# dockerd when no engine answers (its PID in artifacts/docker/dockerd.pid, for
# testcontainers_down.sh), builds or reuses the PostgreSQL image from Debian packages
# (build_postgres_image.sh, served with a digest by a registry on 127.0.0.1:5000), and prints the
# environment the tests need, one NAME=value per line: POSTGRES_IMAGE (pinned), DOCKER_API_VERSION
# (the engine's: Testcontainers 4 asks for 1.44, Docker 20.10 speaks 1.41), TESTCONTAINERS_RYUK_DISABLED
# (Ryuk's image cannot be pulled; the harness disposes its containers and reaps leaks) and
# LIFEOS_DOCKER_EXPECTED=1 (a Testcontainers test that then finds no engine fails, never skips).
#
# Usage: scripts/ci/testcontainers_up.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
# shellcheck source-path=SCRIPTDIR/../..
source scripts/ci/lib.sh

case "${1:-}" in
  "") ;;
  -h | --help) ci_usage; exit 0 ;;
  *) ci_die "$CI_EXIT_USAGE" "unknown option '$1' (try --help)" ;;
esac
ci_require docker "apt-get install docker.io"
ci_require dockerd "apt-get install docker.io"

state="artifacts/docker"
mkdir -p "$state"
if ! docker info >/dev/null 2>&1; then
  [[ "$(id -u)" -eq 0 ]] || ci_die "$CI_EXIT_UNAVAILABLE" "no Docker engine answers and only root can start dockerd"
  ci_info "starting dockerd (log: $state/dockerd.log)" >&2
  nohup dockerd >"$state/dockerd.log" 2>&1 &
  echo $! >"$state/dockerd.pid"
  for _ in $(seq 1 150); do
    docker info >/dev/null 2>&1 && break
    sleep 0.2
  done
  docker info >/dev/null 2>&1 || ci_die "$CI_EXIT_UNAVAILABLE" "dockerd did not answer within 30 s (see $state/dockerd.log)"
fi

image="$(scripts/ci/build_postgres_image.sh 2> >(cat >&2) | tail -n 1)"
[[ "$image" == *@sha256:* ]] || ci_die "$CI_EXIT_FAILED" "the PostgreSQL image build printed no pinned reference"
printf 'POSTGRES_IMAGE=%s\n' "$image"
printf 'DOCKER_API_VERSION=%s\n' "$(docker version --format '{{.Server.APIVersion}}')"
printf 'TESTCONTAINERS_RYUK_DISABLED=true\n'
printf 'LIFEOS_DOCKER_EXPECTED=1\n'
