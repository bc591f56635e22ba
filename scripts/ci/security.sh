#!/usr/bin/env bash
# Security: bandit on the example project's Python, a scan of every tracked file (and .env.ci)
# for committed secrets, and the NuGet vulnerability audit. The audit runs only when a package
# source publishes an advisory feed (a VulnerabilityInfo resource that answers); otherwise it
# prints SKIPPED with the reason and is not counted as passed. --require-audit turns that skip
# into a failure.
#
# Usage: scripts/ci/security.sh [--require-audit]
set -euo pipefail
cd "$(dirname "$0")/../.."
# shellcheck source-path=SCRIPTDIR/../..
source scripts/ci/lib.sh

require_audit=false
while [[ $# -gt 0 ]]; do
  case "$1" in
    --require-audit) require_audit=true ;;
    -h | --help) ci_usage; exit 0 ;;
    *) ci_die "$CI_EXIT_USAGE" "unknown option '$1' (try --help)" ;;
  esac
  shift
done

ci_require bandit "apt-get install bandit"
ci_require git "apt-get install git"
ci_require "${PYTHON:-/usr/bin/python3}" "apt-get install python3"
ci_require dotnet "the .NET SDK, see global.json"
ci_require curl "apt-get install curl"

failed=()
skipped=()

mapfile -d '' python_files < <(ci_python_files)
if [[ ${#python_files[@]} -eq 0 ]]; then
  ci_skip "bandit" "no Python files next to $ALEMBIC_CONFIG"
  skipped+=(bandit)
else
  ci_section "bandit (${#python_files[@]} files)"
  if bandit --quiet --format txt "${python_files[@]}"; then
    ci_info "bandit: passed"
  else
    failed+=(bandit)
  fi
  ci_end_section
fi

ci_section "secret scan"
if "${PYTHON:-/usr/bin/python3}" scripts/ci/secret_scan.py --root .; then
  ci_info "secret scan: passed"
else
  failed+=("secret scan")
fi
ci_end_section

# Which of the configured NuGet sources publishes an advisory feed that answers?
advisory_sources() {
  local source index vuln
  while IFS= read -r source; do
    [[ "$source" =~ ^https?:// ]] || continue
    index="$(curl -fsS --max-time 15 "$source" 2>/dev/null)" || continue
    vuln="$(printf '%s' "$index" | "${PYTHON:-/usr/bin/python3}" -c '
import json, sys
try:
    data = json.load(sys.stdin)
except ValueError:
    sys.exit(0)
for r in data.get("resources", []):
    if str(r.get("@type", "")).startswith("VulnerabilityInfo"):
        print(r.get("@id", ""))
        break
')"
    [[ -n "$vuln" ]] || continue
    curl -fsS --max-time 15 -o /dev/null "$vuln" 2>/dev/null || continue
    printf '%s\n' "$source"
  done < <(dotnet nuget list source --format short 2>/dev/null | awk '$1 ~ /^E/ {print $2}')
}

ci_section "NuGet vulnerability audit"
mapfile -t sources < <(advisory_sources)
if [[ ${#sources[@]} -eq 0 ]]; then
  reason="no configured NuGet source publishes an advisory feed that answers (no VulnerabilityInfo resource in the service index), so 'dotnet list package --vulnerable' would report nothing whatever the packages"
  ci_skip "NuGet vulnerability audit" "$reason"
  skipped+=("NuGet audit")
  [[ "$require_audit" == true ]] && failed+=("NuGet audit (required, could not run)")
else
  ci_info "advisory source(s): ${sources[*]}"
  audit="$(dotnet list LifeOs.slnx package --vulnerable --include-transitive 2>&1)" || failed+=("NuGet audit (dotnet list failed)")
  printf '%s\n' "$audit"
  if grep -q 'has the following vulnerable packages' <<<"$audit"; then
    failed+=("NuGet audit")
  fi
fi
ci_end_section

if [[ ${#failed[@]} -gt 0 ]]; then
  ci_error "security failed: ${failed[*]}"
  exit "$CI_EXIT_FAILED"
fi
if [[ ${#skipped[@]} -gt 0 ]]; then
  ci_info "security passed, with SKIPPED steps: ${skipped[*]}"
else
  ci_info "security passed"
fi
