#!/usr/bin/env bash
# `make test`: everything that checks this repository, in order:
#   1. dotnet test on both test projects, every test (PostgreSQL ones included: with CI set they
#      fail rather than being ignored when no database can be had);
#   2. shellcheck on every shell script (one test per file);
#   3. actionlint on every workflow (one test per file);
#   4. the bats suite in tests/scripts (one test per bats test, from its TAP output).
# Prints a summary per part and ends with the single line `N passed, N failed`; exits 1 if
# anything failed. Needs no prior `make build` (dotnet test builds).
#
# Usage: scripts/ci/test.sh [--skip-dotnet]
set -euo pipefail
cd "$(dirname "$0")/../.."
# shellcheck source-path=SCRIPTDIR/../..
source scripts/ci/lib.sh

skip_dotnet=false
while [[ $# -gt 0 ]]; do
  case "$1" in
    --skip-dotnet) skip_dotnet=true ;;
    -h | --help) ci_usage; exit 0 ;;
    *) ci_die "$CI_EXIT_USAGE" "unknown option '$1' (try --help)" ;;
  esac
  shift
done

ci_require dotnet "the .NET SDK, see global.json"
ci_require shellcheck "apt-get install shellcheck"
ci_require bats "apt-get install bats"
actionlint="$(ci_actionlint_bin)"

summary=()
total_passed=0
total_failed=0
total_skipped=0
record() { # PART PASSED FAILED SKIPPED
  summary+=("$(printf '%-12s %s passed, %s failed, %s skipped' "$1" "$2" "$3" "$4")")
  total_passed=$((total_passed + $2))
  total_failed=$((total_failed + $3))
  total_skipped=$((total_skipped + $4))
}

# 1. dotnet test
if [[ "$skip_dotnet" == true ]]; then
  ci_skip "dotnet test" "--skip-dotnet was given"
  summary+=("$(printf '%-12s SKIPPED (--skip-dotnet)' dotnet)")
else
  dotnet_log="$(mktemp)"
  trap 'rm -f "$dotnet_log"' EXIT
  # In CI (root, Debian's docker.io): the Testcontainers tests run for real, on an engine and a
  # PostgreSQL image made here (no registry to pull from), and fail rather than skip when that
  # fails. The shared server of the other tests stays the host's cluster.
  if [[ "${CI:-}" == true && "$(id -u)" -eq 0 ]] && command -v dockerd >/dev/null 2>&1; then
    ci_section "Testcontainers: dockerd and the PostgreSQL image"
    docker_env="$(scripts/ci/testcontainers_up.sh)" || { ci_error "the Testcontainers setup failed: its tests will fail"; docker_env="LIFEOS_DOCKER_EXPECTED=1"; }
    ci_end_section
    while IFS= read -r assignment; do
      [[ -n "$assignment" ]] && export "${assignment?}"
    done <<<"$docker_env"
    export LIFEOS_PG_PROVIDER="${LIFEOS_PG_PROVIDER:-local}"
    docker_up=true
    trap 'scripts/ci/testcontainers_down.sh || true; rm -f "$dotnet_log"' EXIT
  fi
  ci_dotnet_test test "" tests/LifeOs.Migrations.Guard.Tests tests/LifeOs.Ci.Harness.Tests | tee "$dotnet_log" || true
  if [[ "${docker_up:-false}" == true ]]; then
    # Only the dotnet tests get the engine: the scripts' tests expect the machine as it was.
    scripts/ci/testcontainers_down.sh || true
    unset POSTGRES_IMAGE DOCKER_API_VERSION TESTCONTAINERS_RYUK_DISABLED LIFEOS_DOCKER_EXPECTED LIFEOS_PG_PROVIDER
    trap 'rm -f "$dotnet_log"' EXIT
  fi
  # The last line of ci_dotnet_test is "N passed, N failed[, N skipped]".
  line="$(tail -n 1 "$dotnet_log")"
  if [[ "$line" =~ ^([0-9]+)\ passed,\ ([0-9]+)\ failed(,\ ([0-9]+)\ skipped)?$ ]]; then
    record dotnet "${BASH_REMATCH[1]}" "${BASH_REMATCH[2]}" "${BASH_REMATCH[4]:-0}"
  else
    ci_error "could not read the dotnet test results (last line: '$line'); counted as 1 failure"
    record dotnet 0 1 0
  fi
fi

# 2. shellcheck, one test per file
ci_section "shellcheck"
passed=0
failed=0
mapfile -d '' shell_files < <(ci_shell_files)
for file in "${shell_files[@]}"; do
  if shellcheck -x "$file"; then passed=$((passed + 1)); else failed=$((failed + 1)); ci_error "shellcheck: $file"; fi
done
ci_end_section
ci_info "shellcheck: $passed passed, $failed failed (${#shell_files[@]} files)"
record shellcheck "$passed" "$failed" 0

# 3. actionlint, one test per workflow
ci_section "actionlint"
passed=0
failed=0
mapfile -d '' workflows < <(ci_workflow_files)
for file in "${workflows[@]}"; do
  if "$actionlint" "$file" >/dev/null 2>&1; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1))
    "$actionlint" "$file" || true
  fi
done
ci_end_section
if [[ ${#workflows[@]} -eq 0 ]]; then
  ci_error "actionlint: no workflow under .github/workflows; counted as 1 failure"
  failed=1
fi
ci_info "actionlint: $passed passed, $failed failed (${#workflows[@]} workflows)"
record actionlint "$passed" "$failed" 0

# 4. bats, counted from TAP
ci_section "bats tests/scripts"
bats_out="$(mktemp)"
trap 'rm -f "${dotnet_log:-}" "$bats_out"' EXIT
bats_rc=0
bats --tap tests/scripts | tee "$bats_out" || bats_rc=$?
ci_end_section
read -r passed failed skipped < <(ci_tap_counts "$bats_out")
if [[ $bats_rc -ne 0 && $failed -eq 0 ]]; then
  ci_error "bats exited $bats_rc without a failed test; counted as 1 failure"
  failed=1
fi
if [[ $((passed + failed + skipped)) -eq 0 ]]; then
  ci_error "bats ran no test; counted as 1 failure"
  failed=1
fi
ci_info "bats: $passed passed, $failed failed, $skipped skipped"
record bats "$passed" "$failed" "$skipped"

printf '\n== summary ==\n'
printf '%s\n' "${summary[@]}"
ci_print_total "$total_passed" "$total_failed" "$total_skipped"
[[ $total_failed -eq 0 ]]
