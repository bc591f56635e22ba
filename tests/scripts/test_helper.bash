# shellcheck shell=bash
# Shared setup for the bats tests of scripts/ci. Every test runs the real scripts.

REPO_ROOT="$(cd "$BATS_TEST_DIRNAME/../.." && pwd)"
export REPO_ROOT
FIXTURES="$BATS_TEST_DIRNAME/fixtures"
export FIXTURES

# Start each test from a clean slate: no CI settings leaking in from the caller.
common_setup() {
  unset GITHUB_ACTIONS GITHUB_WORKFLOW_REF GITHUB_REF DEPLOY_APPROVED DATABASE_URL SMOKE_URL ENV
  unset ALEMBIC_CONFIG GUARD_FAIL_ON SMOKE_PATHS SMOKE_RETRIES SMOKE_DELAY SMOKE_TIMEOUT CI_ENV_FILE
  unset CI_BIN_DIR
  cd "$REPO_ROOT" || return 1
}

# path_without TOOL...: prints a PATH under which every tool of /usr/local/bin, /usr/bin and /bin
# is found except the named ones (a directory of symlinks in the test's temporary directory).
path_without() {
  local dir="$BATS_FILE_TMPDIR/path-without-${*// /-}"
  if [[ -d "$dir" ]]; then
    printf '%s\n' "$dir"
    return 0
  fi
  mkdir -p "$dir"
  local bindir tool
  # Earlier directories win, as on PATH; a name that already exists is left alone.
  for bindir in /usr/local/bin /usr/bin /bin; do
    [[ -d "$bindir" ]] || continue
    ln -s "$bindir"/* "$dir"/ 2>/dev/null || true
  done
  for tool in "$@"; do rm -f "$dir/$tool"; done
  printf '%s\n' "$dir"
}

# copy_ci_tree DIR: a copy of everything the CI checks read (scripts, Makefile, workflows, .ci).
copy_ci_tree() {
  local dest="$1"
  mkdir -p "$dest"
  cp -R "$REPO_ROOT/scripts" "$REPO_ROOT/Makefile" "$REPO_ROOT/.env.ci" "$dest/"
  [[ -d "$REPO_ROOT/.github" ]] && cp -R "$REPO_ROOT/.github" "$dest/"
  [[ -d "$REPO_ROOT/.ci" ]] && cp -R "$REPO_ROOT/.ci" "$dest/"
  return 0
}
