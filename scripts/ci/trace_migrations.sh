#!/usr/bin/env bash
# Traces the migrations of $ALEMBIC_CONFIG on a throwaway PostgreSQL with rows in every table:
# for every statement, the locks it really takes, the tables it rewrites, what it blocks, and
# whether migration-guard predicted it (ci-harness trace, docs/trace.md). Writes the text report to
# stdout, artifacts/trace/trace.{md,json}, and the Markdown to $GITHUB_STEP_SUMMARY when set.
# Fails when the guard's prediction disagrees with PostgreSQL (a mismatch, or a missed lock that
# blocks reads or writes). A DATABASE_URL names a server to trace on instead (a scratch database
# is created there and dropped).
#
# With TRACE_SINCE=REF (CI passes the pull request's base branch) it traces only when the change
# touches the Alembic project (the directory of the config: revisions, env.py) or src/; otherwise
# it says so and exits 0.
#
# Usage: scripts/ci/trace_migrations.sh [--config FILE] [--from REV] [--to REV] [--seed-rows N]
#        (also TRACE_FROM, TRACE_TO, TRACE_SEED_ROWS, TRACE_SINCE)
set -euo pipefail
cd "$(dirname "$0")/../.."
# shellcheck source-path=SCRIPTDIR/../..
source scripts/ci/lib.sh

config="${ALEMBIC_CONFIG:-}"
from="${TRACE_FROM:-}"
to="${TRACE_TO:-}"
rows="${TRACE_SEED_ROWS:-100}"
need_value() { [[ $1 -ge 2 ]] || ci_die "$CI_EXIT_USAGE" "$2 needs a value"; }
while [[ $# -gt 0 ]]; do
  case "$1" in
    --config) need_value $# "$1"; config="$2"; shift ;;
    --from) need_value $# "$1"; from="$2"; shift ;;
    --to) need_value $# "$1"; to="$2"; shift ;;
    --seed-rows) need_value $# "$1"; rows="$2"; shift ;;
    -h | --help) ci_usage; exit 0 ;;
    *) ci_die "$CI_EXIT_USAGE" "unknown option '$1' (try --help)" ;;
  esac
  shift
done

[[ -n "$config" ]] || ci_die "$CI_EXIT_USAGE" "no Alembic config: set ALEMBIC_CONFIG (.env.ci) or pass --config"
[[ -f "$config" ]] || ci_die "$CI_EXIT_USAGE" "Alembic config '$config' not found"
[[ "$rows" =~ ^[0-9]+$ ]] || ci_die "$CI_EXIT_USAGE" "--seed-rows must be a number, not '$rows'"
if [[ -n "${TRACE_SINCE:-}" ]]; then
  project_dir="$(dirname "$config")"
  changed="$(git diff --name-only "$(git merge-base "$TRACE_SINCE" HEAD)" -- "$project_dir" src)" ||
    ci_die "$CI_EXIT_USAGE" "cannot compare with TRACE_SINCE=$TRACE_SINCE (fetch it first)"
  if [[ -z "$changed" ]]; then
    ci_info "nothing under $project_dir or src/ changed since $TRACE_SINCE: no trace needed"
    exit 0
  fi
fi
ci_require_python_module alembic python3-alembic
ci_require_python_module psycopg2 python3-psycopg2

ci_ensure_built

mkdir -p artifacts/trace
args=(trace --config "$config" --python "${PYTHON:-/usr/bin/python3}" --seed-rows "$rows"
  --report "markdown=artifacts/trace/trace.md" --report "json=artifacts/trace/trace.json")
[[ -n "$from" ]] && args+=(--from "$from")
[[ -n "$to" ]] && args+=(--to "$to")
[[ -n "${DATABASE_URL:-}" ]] && args+=(--database-url "$DATABASE_URL")
ci_info "tracing $config${from:+ from $from}${to:+ to $to} with $rows rows per table"
rc=0
"$CI_HARNESS" "${args[@]}" || rc=$?
if [[ -n "${GITHUB_STEP_SUMMARY:-}" && -f artifacts/trace/trace.md ]]; then
  cat artifacts/trace/trace.md >> "$GITHUB_STEP_SUMMARY"
fi
case "$rc" in
  0) ci_info "every lock migration-guard predicted is the one PostgreSQL took" ;;
  1) ci_error "migration-guard's prediction disagrees with PostgreSQL (see above)" ;;
  *) ci_error "ci-harness exited $rc" ;;
esac
exit "$rc"
