#!/usr/bin/env bash
# Every test of both test projects, all categories (unit, postgres, slow).
# TRX files go to $TEST_RESULTS_DIR/all; ends with the line `N passed, N failed`.
#
# Usage: scripts/ci/test_all.sh
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

ci_dotnet_test all "" \
  tests/LifeOs.Migrations.Guard.Tests tests/LifeOs.Ci.Harness.Tests
