#!/usr/bin/env bash
# Accepts the current output of the guard's snapshot tests as the new snapshots
# (UPDATE_SNAPSHOTS=1 dotnet test). Refused in CI, which never writes snapshots.
# Review the diff with `git diff` before committing.
#
# Usage: scripts/ci/snapshots_accept.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
# shellcheck source-path=SCRIPTDIR/../..
source scripts/ci/lib.sh

ci_no_options "$@"

if ci_is_ci; then
  ci_die "$CI_EXIT_REFUSED" "snapshots are never written in CI (CI=$CI); run this locally and commit the reviewed snapshots"
fi
ci_require dotnet "the .NET SDK, see global.json"
UPDATE_SNAPSHOTS=1 dotnet test tests/LifeOs.Migrations.Guard.Tests --nologo
ci_info "snapshots updated; review them with: git status && git diff"
