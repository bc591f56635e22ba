#!/usr/bin/env bash
# The migration check: first that no CI script, Makefile recipe or workflow creates a revision,
# then migration-guard on the Alembic project ($ALEMBIC_CONFIG), failing at $GUARD_FAIL_ON.
# In GitHub Actions it prints annotations (--format github) and writes the JSON and SARIF reports and
# the Markdown summary (appended to $GITHUB_STEP_SUMMARY) in the same run.
#
# Usage: scripts/ci/check_migrations.sh [--config FILE] [--fail-on error|warning|info]
#                                       [--format text|json|github] [--since REF] [--approvals FILE]
set -euo pipefail
cd "$(dirname "$0")/../.."
# shellcheck source-path=SCRIPTDIR/../..
source scripts/ci/lib.sh

config="${ALEMBIC_CONFIG:-}"
fail_on="${GUARD_FAIL_ON:-error}"
format=""
since="${GUARD_SINCE:-}"
approvals="${GUARD_APPROVALS_FILE:-}"
need_value() { [[ $1 -ge 2 ]] || ci_die "$CI_EXIT_USAGE" "$2 needs a value"; }
while [[ $# -gt 0 ]]; do
  case "$1" in
    --config) need_value $# "$1"; config="$2"; shift ;;
    --fail-on) need_value $# "$1"; fail_on="$2"; shift ;;
    --format) need_value $# "$1"; format="$2"; shift ;;
    --since) need_value $# "$1"; since="$2"; shift ;;
    --approvals) need_value $# "$1"; approvals="$2"; shift ;;
    -h | --help) ci_usage; exit 0 ;;
    *) ci_die "$CI_EXIT_USAGE" "unknown option '$1' (try --help)" ;;
  esac
  shift
done

case "$fail_on" in error | warning | info) ;; *) ci_die "$CI_EXIT_USAGE" "--fail-on must be error, warning or info, not '$fail_on'" ;; esac
if [[ -z "$format" ]]; then
  if ci_in_github_actions; then format=github; else format=text; fi
fi
case "$format" in text | json | github) ;; *) ci_die "$CI_EXIT_USAGE" "--format must be text, json or github, not '$format'" ;; esac
[[ -n "$config" ]] || ci_die "$CI_EXIT_USAGE" "no Alembic config: set ALEMBIC_CONFIG (.env.ci) or pass --config"
[[ -f "$config" ]] || ci_die "$CI_EXIT_USAGE" "Alembic config '$config' not found"

ci_section "CI never creates revisions"
scripts/ci/check_no_revision_creation.sh
ci_end_section

ci_ensure_built

args=(check --config "$config" --format "$format" --fail-on "$fail_on")
if [[ -n "$approvals" ]]; then
  # The DB team's approvals file: blocking findings it does not approve fail, with the entry to add.
  [[ -f "$approvals" ]] || ci_die "$CI_EXIT_USAGE" "approvals file '$approvals' (GUARD_APPROVALS_FILE) not found; create it with {\"version\": 1, \"approvals\": []}"
  args+=(--approvals "$approvals")
fi
report_dir="${GUARD_REPORT_DIR:-artifacts/guard}"
summary=""
json_report=""
if ci_in_github_actions; then
  # One run writes every report: JSON (artifact), SARIF (code scanning), Markdown (job summary).
  mkdir -p "$report_dir"
  json_report="$report_dir/guard.json"
  summary="$report_dir/summary.md"
  rm -f "$json_report" "$report_dir/guard.sarif" "$summary"
  args+=(--report "json=$json_report" --report "sarif=$report_dir/guard.sarif" --report "markdown=$summary")
fi
if [[ -n "$since" ]]; then
  args+=(--since "$since")
fi

ci_section "migration-guard ${args[*]}"
rc=0
"$CI_GUARD" "${args[@]}" || rc=$?
ci_end_section

if [[ -n "$summary" && -f "$summary" && -n "${GITHUB_STEP_SUMMARY:-}" ]]; then
  cat "$summary" >>"$GITHUB_STEP_SUMMARY"
fi

case "$rc" in
  0) ci_info "migration check passed ($config, fail-on $fail_on)" ;;
  1) ci_error "migration-guard found problems at or above '$fail_on' in $config" ;;
  2) ci_error "migration-guard could not run: usage or input error (exit 2)" ;;
  *) ci_error "migration-guard exited $rc" ;;
esac
exit "$rc"
