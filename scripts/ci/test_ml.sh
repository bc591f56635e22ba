#!/usr/bin/env bash
# The slow nightly suite ([Category("slow")]): large generated revision histories, the full
# stairway on the example project, the hostile-input corpus. A category with no test yet prints
# "0 passed, 0 failed" and a warning (other suites fail when no test runs).
# TRX files go to $TEST_RESULTS_DIR/ml; ends with the line `N passed, N failed`.
#
# Usage: scripts/ci/test_ml.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
# shellcheck source-path=SCRIPTDIR/../..
source scripts/ci/lib.sh

ci_no_options "$@"

CI_REQUIRE_TESTS=false ci_dotnet_test ml "TestCategory=slow" \
  tests/LifeOs.Migrations.Guard.Tests tests/LifeOs.Ci.Harness.Tests
