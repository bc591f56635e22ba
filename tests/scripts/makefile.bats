#!/usr/bin/env bats
# The Makefile: every target of the spec exists, is listed by `make help`, is .PHONY and is a
# one-line call of a script in scripts/ci/.

load test_helper

TARGETS=(help build test lint format typecheck security test-unit test-integration test-ml test-all
  coverage check-migrations run-migrations build-image smoketest deploy run docker-up docker-down
  clean snapshots-accept install-tools ci-setup)

setup() {
  common_setup
}

@test "make help lists every target of the spec" {
  run make --no-print-directory help
  [ "$status" -eq 0 ]
  local target
  for target in "${TARGETS[@]}"; do
    [[ "$output" == *"  $target "* ]] || { echo "missing from make help: $target"; return 1; }
  done
}

@test "every target is .PHONY and its recipe is one line calling scripts/ci/" {
  run /usr/bin/python3 - "${TARGETS[@]}" <<'PY'
import re, sys
text = open("Makefile").read().replace("\\\n", " ")
phony = set(re.search(r"^\.PHONY:(.*)$", text, re.M).group(1).split())
bad = []
for target in sys.argv[1:]:
    if target not in phony:
        bad.append(f"{target}: not .PHONY")
    m = re.search(rf"^{re.escape(target)}:[^\n]*\n((?:\t[^\n]*\n)*)", text, re.M)
    if not m:
        bad.append(f"{target}: no rule")
        continue
    recipe = [line for line in m.group(1).splitlines() if line.strip()]
    if target != "help" and (len(recipe) != 1 or "scripts/ci/" not in recipe[0]):
        bad.append(f"{target}: recipe is not one line calling scripts/ci/: {recipe}")
print("\n".join(bad))
sys.exit(1 if bad else 0)
PY
  [ "$status" -eq 0 ]
}

@test "every script a target calls exists and is executable" {
  local script scripts
  mapfile -t scripts < <(grep -oE 'scripts/ci/[a-z_]+\.sh' Makefile | sort -u)
  [ "${#scripts[@]}" -ge 20 ]
  for script in "${scripts[@]}"; do
    [ -x "$script" ] || { echo "$script"; return 1; }
  done
}

@test "make with no target prints the help" {
  run make --no-print-directory
  [ "$status" -eq 0 ]
  [[ "$output" == *"check-migrations"* ]]
}
