#!/usr/bin/env bash
# Accepts the current output of the guard's snapshot tests as the new snapshots
# (UPDATE_SNAPSHOTS=1 dotnet test). Refused in CI, which never writes snapshots.
# Review the diff with `git diff` before committing.
#
# Usage: scripts/ci/snapshots_accept.sh
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

if ci_is_ci; then
  ci_die "$CI_EXIT_REFUSED" "snapshots are never written in CI (CI=$CI); run this locally and commit the reviewed snapshots"
fi
ci_require dotnet "the .NET SDK, see global.json"
UPDATE_SNAPSHOTS=1 dotnet test tests/LifeOs.Migrations.Guard.Tests --nologo
ci_info "snapshots updated; review them with: git status && git diff"
