#!/usr/bin/env bash
# Every test of both test projects, all categories (unit, postgres, slow).
# TRX files go to $TEST_RESULTS_DIR/all; ends with the line `N passed, N failed`.
#
# Usage: scripts/ci/test_all.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
# shellcheck source-path=SCRIPTDIR/../..
source scripts/ci/lib.sh

ci_no_options "$@"

ci_dotnet_test all "" \
  tests/LifeOs.Migrations.Guard.Tests tests/LifeOs.Ci.Harness.Tests
