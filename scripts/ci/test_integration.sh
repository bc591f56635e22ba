#!/usr/bin/env bash
# Integration tests: only the tests that need PostgreSQL ([Category("postgres")]). The harness finds a
# database itself (TEST_DATABASE_URL, Testcontainers, or a throwaway local cluster); with CI set,
# a test that cannot get one fails instead of being ignored.
# TRX files go to $TEST_RESULTS_DIR/integration; ends with the line `N passed, N failed`.
#
# Usage: scripts/ci/test_integration.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
# shellcheck source-path=SCRIPTDIR/../..
source scripts/ci/lib.sh

ci_no_options "$@"

ci_dotnet_test integration "TestCategory=postgres" \
  tests/LifeOs.Migrations.Guard.Tests tests/LifeOs.Ci.Harness.Tests
