#!/usr/bin/env bash
# Removes build and test output: artifacts/, TestResults/, and bin/ and obj/ of every project.
# Reaps throwaway PostgreSQL clusters whose owner died (ci-harness reap) when the harness is built.
# --tools also removes the repo-local tools in .tools/.
#
# Usage: scripts/ci/clean.sh [--tools]
set -euo pipefail
cd "$(dirname "$0")/../.."
# shellcheck source-path=SCRIPTDIR/../..
source scripts/ci/lib.sh

tools=false
while [[ $# -gt 0 ]]; do
  case "$1" in
    --tools) tools=true ;;
    -h | --help) ci_usage; exit 0 ;;
    *) ci_die "$CI_EXIT_USAGE" "unknown option '$1' (try --help)" ;;
  esac
  shift
done

if [[ -x "$CI_HARNESS" ]]; then
  "$CI_HARNESS" reap || ci_warn "ci-harness reap failed; continuing"
fi
find src tests -type d \( -name bin -o -name obj -o -name TestResults \) -prune -exec rm -rf {} + 2>/dev/null || true
rm -rf artifacts TestResults
[[ "$tools" == true ]] && rm -rf "$CI_TOOLS_DIR"
ci_info "cleaned"
