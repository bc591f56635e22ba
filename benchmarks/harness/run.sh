#!/usr/bin/env bash
# Harness benchmark: local cluster ready time (initdb vs cached seed), a per-test database cloned from the migrated
# template, a database at head cold vs with the migrated cluster cached (Alembic not run), and the stairway over
# the example project. Uses a private seed cache that it deletes afterwards. Prints a Markdown table.
#
# Usage: benchmarks/harness/run.sh [--config PATH/alembic.ini] [--clones N]
set -euo pipefail
cd "$(dirname "$0")/../.."

config="examples/lifeos-finance/alembic.ini"
clones=20
while [[ $# -gt 0 ]]; do
  case "$1" in
    --config) config="$2"; shift ;;
    --clones) clones="$2"; shift ;;
    -h | --help) sed -n '2,/^# Usage/p' "$0"; exit 0 ;;
    *) echo "unknown option '$1'" >&2; exit 2 ;;
  esac
  shift
done

dotnet build src/LifeOs.Ci.Harness -c Release --nologo -v quiet >/dev/null
harness="src/LifeOs.Ci.Harness/bin/Release/net10.0/ci-harness"
echo "# $(date -u +%Y-%m-%dT%H:%MZ) $(uname -m), $(nproc) cores, $(/usr/bin/python3 -c 'import alembic; print("alembic", alembic.__version__)')"
"$harness" bench --config "$config" --clones "$clones"
