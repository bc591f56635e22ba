#!/usr/bin/env bash
# Builds the container image (Dockerfile) that packages migration-guard and ci-harness.
# Needs a Docker engine: exits 127 without the docker CLI, 69 when no engine answers.
#
# Usage: scripts/ci/build_image.sh [--tag TAG] [--name NAME]
set -euo pipefail
cd "$(dirname "$0")/../.."
# shellcheck source-path=SCRIPTDIR/../..
source scripts/ci/lib.sh

name="${IMAGE_NAME:-lifeos/migration-toolkit}"
tag=""
need_value() { [[ $1 -ge 2 ]] || ci_die "$CI_EXIT_USAGE" "$2 needs a value"; }
while [[ $# -gt 0 ]]; do
  case "$1" in
    --tag) need_value $# "$1"; tag="$2"; shift ;;
    --name) need_value $# "$1"; name="$2"; shift ;;
    -h | --help) ci_usage; exit 0 ;;
    *) ci_die "$CI_EXIT_USAGE" "unknown option '$1' (try --help)" ;;
  esac
  shift
done

ci_require docker "Docker Engine or a compatible CLI"
if ! docker_info="$(docker info --format '{{.ServerVersion}}' 2>&1)"; then
  ci_error "no Docker engine answers (DOCKER_HOST=${DOCKER_HOST:-unix:///var/run/docker.sock}); build-image needs one. docker said: ${docker_info##*$'\n'}"
  exit "$CI_EXIT_UNAVAILABLE"
fi

if [[ -z "$tag" ]]; then
  tag="$(git rev-parse --short=12 HEAD 2>/dev/null || echo local)"
fi
ci_info "building $name:$tag with Docker $docker_info"
docker build --pull -t "$name:$tag" -f Dockerfile .
ci_info "built $name:$tag"
