#!/usr/bin/env bash
# Coverage: runs the unit and PostgreSQL tests with Coverlet (Cobertura), copies one Cobertura file
# per test project into $COVERAGE_DIR, prints a summary line and fails (exit 1) below
# $COVERAGE_THRESHOLD percent of lines. --no-test summarizes the files of a previous run.
#
# Usage: scripts/ci/coverage_report.sh [--no-test] [--threshold PERCENT]
set -euo pipefail
cd "$(dirname "$0")/../.."
# shellcheck source-path=SCRIPTDIR/../..
source scripts/ci/lib.sh

run_tests=true
threshold="${COVERAGE_THRESHOLD:-0}"
while [[ $# -gt 0 ]]; do
  case "$1" in
    --no-test) run_tests=false ;;
    --threshold)
      [[ $# -ge 2 ]] || ci_die "$CI_EXIT_USAGE" "--threshold needs a value"
      threshold="$2"
      shift
      ;;
    -h | --help) ci_usage; exit 0 ;;
    *) ci_die "$CI_EXIT_USAGE" "unknown option '$1' (try --help)" ;;
  esac
  shift
done
[[ "$threshold" =~ ^[0-9]+(\.[0-9]+)?$ ]] || ci_die "$CI_EXIT_USAGE" "COVERAGE_THRESHOLD must be a number, got '$threshold'"

results="${TEST_RESULTS_DIR:-artifacts/test-results}/coverage"
out="${COVERAGE_DIR:-artifacts/coverage}"
tests_rc=0
if [[ "$run_tests" == true ]]; then
  CI_COLLECT_COVERAGE=true ci_dotnet_test coverage "TestCategory!=slow" \
    tests/LifeOs.Migrations.Guard.Tests tests/LifeOs.Ci.Harness.Tests || tests_rc=$?
fi

rm -rf "$out"
mkdir -p "$out"
found=0
# Coverlet writes results/<TestProject>/<guid>/coverage.cobertura.xml; the TRX logger keeps a copy
# under <TestProject>/<run>/In/<machine>/, which must not be counted twice.
while IFS= read -r -d '' file; do
  rel="${file#"$results"/}"
  project="${rel%%/*}"
  target="$out/$project.cobertura.xml"
  [[ -e "$target" ]] && target="$out/$project.$found.cobertura.xml"
  cp "$file" "$target"
  found=$((found + 1))
done < <(find "$results" -mindepth 3 -maxdepth 3 -name 'coverage.cobertura.xml' -print0 2>/dev/null | sort -z)
if [[ $found -eq 0 ]]; then
  ci_error "no Cobertura file under $results: coverage was not measured"
  exit "$CI_EXIT_FAILED"
fi

cov_rc=0
"${PYTHON:-/usr/bin/python3}" scripts/ci/cobertura_summary.py --threshold "$threshold" "$out"/*.cobertura.xml || cov_rc=$?
if [[ $tests_rc -ne 0 ]]; then
  ci_error "tests failed during the coverage run"
  exit "$CI_EXIT_FAILED"
fi
exit "$cov_rc"
