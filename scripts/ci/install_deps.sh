#!/usr/bin/env bash
# Installs what a bare Debian 12 (or Ubuntu) machine lacks for the CI scripts, from the
# distribution's packages only: make, git, curl, Debian's Python with Alembic, psycopg2 and
# SQLAlchemy, libpg_query (PostgreSQL's parser as a library: the guard reads SQL with it, and the
# AOT build links its static archive), the PostgreSQL server binaries (skipped when an initdb already exists), shellcheck,
# bats, flake8, black, mypy, bandit, pre-commit, docker.io, debootstrap and docker-registry (the
# Testcontainers tests run on an engine and an image made here), and Node.js + npm only when node/npm are absent. Then the
# repo-local tools (scripts/ci/install_tools.sh). Uses sudo when not root. Installs nothing when
# nothing is missing.
#
# Usage: scripts/ci/install_deps.sh [--no-tools]
set -euo pipefail
cd "$(dirname "$0")/../.."
# shellcheck source-path=SCRIPTDIR/../..
source scripts/ci/lib.sh

tools=true
while [[ $# -gt 0 ]]; do
  case "$1" in
    --no-tools) tools=false ;;
    -h | --help) ci_usage; exit 0 ;;
    *) ci_die "$CI_EXIT_USAGE" "unknown option '$1' (try --help)" ;;
  esac
  shift
done

ci_require dpkg-query "a Debian or Ubuntu machine (dpkg)"
ci_require apt-get "a Debian or Ubuntu machine (apt)"

wanted=(make git curl ca-certificates python3 python3-alembic python3-psycopg2 python3-sqlalchemy
  libpg-query-dev shellcheck bats flake8 black mypy bandit pre-commit docker.io debootstrap docker-registry)
if ! compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null; then
  wanted+=(postgresql)
fi
command -v node >/dev/null 2>&1 || wanted+=(nodejs)
command -v npm >/dev/null 2>&1 || wanted+=(npm)

missing=()
for pkg in "${wanted[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$pkg")
  fi
done

sudo=()
if [[ "$(id -u)" -ne 0 ]]; then
  ci_require sudo "run as root or install sudo"
  sudo=(sudo)
fi

if [[ ${#missing[@]} -gt 0 ]]; then
  ci_info "installing: ${missing[*]}"
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
else
  ci_info "every system package is present"
fi

if [[ "$tools" == true ]]; then
  scripts/ci/install_tools.sh
fi
