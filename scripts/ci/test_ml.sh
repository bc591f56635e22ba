#!/usr/bin/env bash
# The slow nightly suite ([Category("slow")]): large generated revision histories, the full
# stairway on the example project, the hostile-input corpus. A category with no test yet prints
# "0 passed, 0 failed" and a warning: nothing is reported as passed that did not run.
# TRX files go to $TEST_RESULTS_DIR/ml; ends with the line `N passed, N failed`.
#
# Usage: scripts/ci/test_ml.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
# shellcheck source=scripts/ci/lib.sh
source scripts/ci/lib.sh

while [[ $# -gt 0 ]]; do
  case "$1" in
    -h | --help) sed -n '2,/^# Usage/p' "$0"; exit 0 ;;
    *) ci_die "$CI_EXIT_USAGE" "unknown option '$1' (try --help)" ;;
  esac
  shift
done

ci_dotnet_test ml "TestCategory=slow" \
  tests/LifeOs.Migrations.Guard.Tests tests/LifeOs.Ci.Harness.Tests
