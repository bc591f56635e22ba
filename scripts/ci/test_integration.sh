#!/usr/bin/env bash
# Integration tests: only the tests that need PostgreSQL ([Category("postgres")]). The harness finds a
# database itself (TEST_DATABASE_URL, Testcontainers, or a throwaway local cluster); with CI set,
# a test that cannot get one fails instead of being ignored.
# TRX files go to $TEST_RESULTS_DIR/integration; ends with the line `N passed, N failed`.
#
# Usage: scripts/ci/test_integration.sh
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

ci_dotnet_test integration "TestCategory=postgres" \
  tests/LifeOs.Migrations.Guard.Tests tests/LifeOs.Ci.Harness.Tests
