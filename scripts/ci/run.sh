#!/usr/bin/env bash
# A throwaway PostgreSQL at head for local work: builds if needed, then `ci-harness serve`, which
# migrates a fresh database with real Alembic, prints its URL and runs until Ctrl-C (then removes it).
#
# Usage: scripts/ci/run.sh [--config FILE]
set -euo pipefail
cd "$(dirname "$0")/../.."
# shellcheck source-path=SCRIPTDIR/../..
source scripts/ci/lib.sh

config="${ALEMBIC_CONFIG:-}"
while [[ $# -gt 0 ]]; do
  case "$1" in
    --config)
      [[ $# -ge 2 ]] || ci_die "$CI_EXIT_USAGE" "--config needs a value"
      config="$2"
      shift
      ;;
    -h | --help) ci_usage; exit 0 ;;
    *) ci_die "$CI_EXIT_USAGE" "unknown option '$1' (try --help)" ;;
  esac
  shift
done
[[ -f "$config" ]] || ci_die "$CI_EXIT_USAGE" "Alembic config '$config' not found (ALEMBIC_CONFIG or --config)"
ci_require_python_module alembic python3-alembic
ci_ensure_built
exec "$CI_HARNESS" serve --config "$config" --python "${PYTHON:-/usr/bin/python3}"
