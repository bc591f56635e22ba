#!/usr/bin/env bash
# Tests the packages of make pack as a user installs them: migration-guard and ci-harness are
# installed with `dotnet tool install --tool-path` from artifacts/packages and run on the example
# project (migration-guard check; ci-harness verify on a throwaway PostgreSQL), and
# tests/packaging/HarnessConsumer, an NUnit project that references the LifeOs.Ci.Harness package
# from the local feed, passes its database test. Packs first when artifacts/packages is missing.
#
# Usage: scripts/ci/test_packages.sh
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

feed="$PWD/artifacts/packages"
[[ -f "$feed/migration-guard.0.1.0.nupkg" ]] || scripts/ci/pack.sh
version="$(sed -n 's:.*<Version>\(.*\)</Version>.*:\1:p' Directory.Build.props | head -n 1)"
config="$PWD/examples/lifeos-finance/alembic.ini"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# A package of this version restored before would be reused from the global cache: drop ours.
rm -rf "$HOME/.nuget/packages/lifeos.ci.harness/$version" "$HOME/.nuget/packages/lifeos.migrations.guard/$version"

ci_section "dotnet tool install migration-guard and ci-harness $version"
for tool in migration-guard ci-harness; do
  dotnet tool install "$tool" --version "$version" --tool-path "$work/tools" --add-source "$feed"
done
ci_end_section

ci_section "migration-guard check (installed tool)"
"$work/tools/migration-guard" check --config "$config" --no-cache
ci_end_section

ci_section "ci-harness verify (installed tool)"
"$work/tools/ci-harness" verify --config "$config" --checks single-head upgrade --python "${PYTHON:-/usr/bin/python3}"
ci_end_section

ci_section "HarnessConsumer: an NUnit project on the LifeOs.Ci.Harness package"
dotnet restore tests/packaging/HarnessConsumer --source "$feed" --source https://api.nuget.org/v3/index.json
CONSUMER_ALEMBIC_INI="$config" dotnet test tests/packaging/HarnessConsumer --no-restore --nologo
ci_end_section
ci_info "the packages install and work as a user's"
