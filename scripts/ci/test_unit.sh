#!/usr/bin/env bash
# Unit tests: both test projects without the PostgreSQL and slow categories. TRX files go to
# $TEST_RESULTS_DIR/unit; ends with the line `N passed, N failed`.
#
# Usage: scripts/ci/test_unit.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
# shellcheck source-path=SCRIPTDIR/../..
source scripts/ci/lib.sh

ci_no_options "$@"

ci_dotnet_test unit "TestCategory!=postgres&TestCategory!=slow" \
  tests/LifeOs.Migrations.Guard.Tests tests/LifeOs.Ci.Harness.Tests
