#!/usr/bin/env bash
# Packs the two tools and the two libraries into artifacts/packages/ (version from
# Directory.Build.props): migration-guard and ci-harness as .NET tools (dotnet tool install), and
# LifeOs.Migrations.Guard and LifeOs.Ci.Harness as NuGet libraries with XML docs (an NUnit project
# references the harness package and gets a throwaway database per test).
#
# Usage: scripts/ci/pack.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
# shellcheck source-path=SCRIPTDIR/../..
source scripts/ci/lib.sh

case "${1:-}" in
  "") ;;
  -h | --help) ci_usage; exit 0 ;;
  *) ci_die "$CI_EXIT_USAGE" "unknown option '$1' (try --help)" ;;
esac
ci_require dotnet "the .NET SDK, see global.json"

out="artifacts/packages"
rm -rf "$out"
mkdir -p "$out"
pack() { # PROJECT [EXTRA MSBUILD ARGS...]
  local project="$1"
  shift
  ci_section "dotnet pack $project $*"
  dotnet pack "$project" -c Release -o "$out" --nologo "$@"
  ci_end_section
}
pack src/LifeOs.Migrations.Guard
pack src/LifeOs.Ci.Harness
pack src/LifeOs.Migrations.Guard -p:LibraryPackage=true
pack src/LifeOs.Ci.Harness -p:LibraryPackage=true
packages=("$out"/*.nupkg)
ci_info "${#packages[@]} packages in $out: ${packages[*]##*/}"
