#!/usr/bin/env bash
# Formats in place: C# with dotnet format, the example project's Python with black.
#
# Usage: scripts/ci/format.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
# shellcheck source-path=SCRIPTDIR/../..
source scripts/ci/lib.sh

ci_no_options "$@"

ci_require dotnet "the .NET SDK, see global.json"
ci_require black "apt-get install black"
dotnet format LifeOs.slnx --verbosity quiet
mapfile -d '' python_files < <(ci_python_files)
if [[ ${#python_files[@]} -gt 0 ]]; then
  black --quiet --line-length 100 "${python_files[@]}"
else
  ci_skip "black" "no Python files next to $ALEMBIC_CONFIG"
fi
ci_info "formatted"
