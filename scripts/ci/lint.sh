#!/usr/bin/env bash
# Lint: dotnet format, shellcheck on every shell script, flake8 + black on the example project's
# Python, actionlint on every workflow. In CI (or with --check) it only verifies, and fails on any
# change needed (dotnet format exits 2); locally it formats C# and Python in place (or --fix).
# Every step runs; the script fails at the end if any failed, and never reports a skipped step as
# passed.
#
# Usage: scripts/ci/lint.sh [--check | --fix]
set -euo pipefail
cd "$(dirname "$0")/../.."
# shellcheck source-path=SCRIPTDIR/../..
source scripts/ci/lib.sh

mode=fix
ci_is_ci && mode=check
while [[ $# -gt 0 ]]; do
  case "$1" in
    --check) mode=check ;;
    --fix) mode=fix ;;
    -h | --help) ci_usage; exit 0 ;;
    *) ci_die "$CI_EXIT_USAGE" "unknown option '$1' (try --help)" ;;
  esac
  shift
done

# Every tool first: a missing tool stops the script before anything runs (exit 127).
ci_require dotnet "the .NET SDK, see global.json"
ci_require shellcheck "apt-get install shellcheck"
ci_require flake8 "apt-get install flake8"
ci_require black "apt-get install black"
actionlint="$(ci_actionlint_bin)"

failed=()
step() {
  local name="$1"
  shift
  ci_section "$name"
  if "$@"; then
    ci_info "$name: passed"
  else
    ci_error "$name: FAILED"
    failed+=("$name")
  fi
  ci_end_section
}

if [[ "$mode" == check ]]; then
  step "dotnet format --verify-no-changes" dotnet format LifeOs.slnx --verify-no-changes --verbosity quiet
else
  step "dotnet format (in place)" dotnet format LifeOs.slnx --verbosity quiet
fi

mapfile -d '' shell_files < <(ci_shell_files)
step "shellcheck (${#shell_files[@]} files)" shellcheck -x "${shell_files[@]}"

mapfile -d '' python_files < <(ci_python_files)
if [[ ${#python_files[@]} -eq 0 ]]; then
  ci_skip "flake8, black on the example" "no Python files next to $ALEMBIC_CONFIG"
fi
mapfile -d '' own_python < <(ci_own_python_files)
python_files+=("${own_python[@]}")
if [[ ${#python_files[@]} -gt 0 ]]; then
  step "flake8 (${#python_files[@]} files)" flake8 --max-line-length 100 "${python_files[@]}"
  if [[ "$mode" == check ]]; then
    step "black --check" black --check --quiet --line-length 100 "${python_files[@]}"
  else
    step "black (in place)" black --quiet --line-length 100 "${python_files[@]}"
  fi
fi

run_actionlint() {
  local file rc=0
  for file in "$@"; do
    "$actionlint" "$file" || rc=1
  done
  return "$rc"
}
mapfile -d '' workflows < <(ci_workflow_files)
if [[ ${#workflows[@]} -eq 0 ]]; then
  ci_skip "actionlint" "no workflow under .github/workflows"
else
  step "actionlint (${#workflows[@]} workflows)" run_actionlint "${workflows[@]}"
fi

if [[ ${#failed[@]} -gt 0 ]]; then
  ci_error "lint failed: ${failed[*]}"
  exit "$CI_EXIT_FAILED"
fi
ci_info "lint passed"
