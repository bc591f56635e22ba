#!/usr/bin/env bash
# Applies the migrations of $ALEMBIC_CONFIG with real Alembic and verifies them with ci-harness:
# against DATABASE_URL when it is given, otherwise against a throwaway PostgreSQL that the harness
# creates and removes. With --upgrade-only (needs a URL) it only upgrades to head: what deploy runs.
#
# Usage: scripts/ci/run_migrations.sh [--config FILE] [--database-url URL] [--golden FILE]
#                                     [--upgrade-only]
set -euo pipefail
cd "$(dirname "$0")/../.."
# shellcheck source-path=SCRIPTDIR/../..
source scripts/ci/lib.sh

config="${ALEMBIC_CONFIG:-}"
url="${DATABASE_URL:-}"
golden="${HARNESS_GOLDEN:-}"
upgrade_only=false
need_value() { [[ $1 -ge 2 ]] || ci_die "$CI_EXIT_USAGE" "$2 needs a value"; }
while [[ $# -gt 0 ]]; do
  case "$1" in
    --config) need_value $# "$1"; config="$2"; shift ;;
    --database-url) need_value $# "$1"; url="$2"; shift ;;
    --golden) need_value $# "$1"; golden="$2"; shift ;;
    --upgrade-only) upgrade_only=true ;;
    -h | --help) ci_usage; exit 0 ;;
    *) ci_die "$CI_EXIT_USAGE" "unknown option '$1' (try --help)" ;;
  esac
  shift
done

[[ -n "$config" ]] || ci_die "$CI_EXIT_USAGE" "no Alembic config: set ALEMBIC_CONFIG (.env.ci) or pass --config"
[[ -f "$config" ]] || ci_die "$CI_EXIT_USAGE" "Alembic config '$config' not found"
[[ -z "$golden" || -f "$golden" ]] || ci_die "$CI_EXIT_USAGE" "golden schema '$golden' not found"
ci_require_python_module alembic python3-alembic
ci_require_python_module psycopg2 python3-psycopg2

ci_ensure_built

if [[ "$upgrade_only" == true ]]; then
  [[ -n "$url" ]] || ci_die "$CI_EXIT_USAGE" "--upgrade-only needs DATABASE_URL or --database-url"
  ci_info "upgrading to head: $config (database URL from the environment, not printed)"
  # The URL goes through the environment, never the command line (ps would show its password).
  DATABASE_URL="$url" "$CI_HARNESS" upgrade --config "$config" --python "${PYTHON:-/usr/bin/python3}"
  exit 0
fi

args=(verify --config "$config" --python "${PYTHON:-/usr/bin/python3}")
[[ -n "$url" ]] && args+=(--database-url "$url")
[[ -n "$golden" ]] && args+=(--golden "$golden")
if [[ -n "$url" ]]; then
  ci_info "verifying $config against DATABASE_URL"
else
  ci_info "verifying $config against a throwaway PostgreSQL"
fi
rc=0
"$CI_HARNESS" "${args[@]}" || rc=$?
case "$rc" in
  0) ci_info "migrations verified" ;;
  1) ci_error "a migration check failed (see above)" ;;
  *) ci_error "ci-harness exited $rc" ;;
esac
exit "$rc"
