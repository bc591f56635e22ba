#!/usr/bin/env bash
# Writes migration-guard's reports (check in every format, graph in every format) for a fixed corpus
# of inputs into OUT_DIR, one file per case, so two builds can be compared byte for byte:
#
#   scripts/dev/guard_outputs.sh --guard OLD_BINARY /tmp/before
#   scripts/dev/guard_outputs.sh /tmp/after          # artifacts/bin/migration-guard
#   diff -r /tmp/before /tmp/after && echo identical
#
# The corpus: the bundled example (with and without its approvals file), every fixture project and
# version directory under tests/, every rule fixture file checked alone, and a generated
# 500-revision history with branches. No cache is used (--no-cache), so a run reads every file.
# Exit codes are recorded next to each output.
set -euo pipefail
cd "$(dirname "$0")/../.."

guard="artifacts/bin/migration-guard"
if [[ "${1:-}" == "--guard" ]]; then
  guard="$2"
  shift 2
fi
out="${1:?usage: guard_outputs.sh [--guard BINARY] OUT_DIR}"
[[ -x "$guard" ]] || { echo "guard_outputs.sh: $guard is not an executable (make build)" >&2; exit 2; }
guard="$(cd "$(dirname "$guard")" && pwd)/$(basename "$guard")"
mkdir -p "$out"
out="$(cd "$out" && pwd)"

fixtures=tests/LifeOs.Migrations.Guard.Tests/Fixtures

run() { # run NAME ARGS...: every report format of `check`, and the graph's formats
  local name="$1"
  shift
  for format in text json sarif markdown github; do
    local rc=0
    "$guard" check --no-cache --color never --format "$format" "$@" >"$out/$name.check.$format" 2>"$out/$name.check.$format.stderr" || rc=$?
    echo "$rc" >"$out/$name.check.$format.rc"
  done
  for format in text json mermaid; do
    local rc=0
    "$guard" graph --format "$format" "$@" >"$out/$name.graph.$format" 2>"$out/$name.graph.$format.stderr" || rc=$?
    echo "$rc" >"$out/$name.graph.$format.rc"
  done
}

example_dir="$(dirname "$(find examples -maxdepth 2 -name alembic.ini | head -n 1)")"
(cd "$example_dir" && run example --config alembic.ini)
(cd "$example_dir" && run example-approvals --config alembic.ini --approvals guard-approvals.json)

while IFS= read -r dir; do
  name="dir-$(echo "${dir#"$fixtures"/}" | tr '/' '_')"
  run "$name" --versions "$dir"
done < <(find "$fixtures" -type d -name versions | sort)

while IFS= read -r file; do
  name="file-$(echo "${file#"$fixtures"/}" | tr '/' '_')"
  run "$name" "$file"
done < <(find "$fixtures/rules" "$fixtures/projects" -name '*.py' | sort)

generated="$(mktemp -d)"
trap 'rm -rf "$generated"' EXIT
/usr/bin/python3 benchmarks/guard/generate_history.py --count 500 --out "$generated" --quiet
(cd "$generated" && run generated-500 --versions versions)
echo "guard_outputs.sh: $(find "$out" -type f | wc -l) files in $out"
