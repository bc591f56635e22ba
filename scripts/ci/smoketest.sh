#!/usr/bin/env bash
# Smoke test of a deployed service: GET each health path of SMOKE_URL until every one answers 2xx,
# with a timeout per request and a bounded number of attempts.
#
# Usage: scripts/ci/smoketest.sh [--url URL] [--paths "/healthz /readyz"] [--retries N]
#                                [--delay SECONDS] [--timeout SECONDS]
set -euo pipefail
cd "$(dirname "$0")/../.."
# shellcheck source-path=SCRIPTDIR/../..
source scripts/ci/lib.sh

url="${SMOKE_URL:-}"
paths="${SMOKE_PATHS:-/healthz}"
retries="${SMOKE_RETRIES:-10}"
delay="${SMOKE_DELAY:-3}"
timeout="${SMOKE_TIMEOUT:-5}"
need_value() { [[ $1 -ge 2 ]] || ci_die "$CI_EXIT_USAGE" "$2 needs a value"; }
while [[ $# -gt 0 ]]; do
  case "$1" in
    --url) need_value $# "$1"; url="$2"; shift ;;
    --paths) need_value $# "$1"; paths="$2"; shift ;;
    --retries) need_value $# "$1"; retries="$2"; shift ;;
    --delay) need_value $# "$1"; delay="$2"; shift ;;
    --timeout) need_value $# "$1"; timeout="$2"; shift ;;
    -h | --help) ci_usage; exit 0 ;;
    *) ci_die "$CI_EXIT_USAGE" "unknown option '$1' (try --help)" ;;
  esac
  shift
done

[[ -n "$url" ]] || ci_die "$CI_EXIT_USAGE" "no URL to test: set SMOKE_URL or pass --url"
[[ "$url" =~ ^https?:// ]] || ci_die "$CI_EXIT_USAGE" "SMOKE_URL must start with http:// or https://, got '$url'"
for n in "$retries" "$delay" "$timeout"; do
  [[ "$n" =~ ^[0-9]+$ ]] || ci_die "$CI_EXIT_USAGE" "--retries, --delay and --timeout take whole numbers, got '$n'"
done
[[ "$retries" -ge 1 ]] || ci_die "$CI_EXIT_USAGE" "--retries must be at least 1"
ci_require curl "apt-get install curl"

read -r -a path_list <<<"$paths"
[[ ${#path_list[@]} -gt 0 ]] || ci_die "$CI_EXIT_USAGE" "no health paths (SMOKE_PATHS)"

pending=("${path_list[@]}")
for ((attempt = 1; attempt <= retries; attempt++)); do
  still=()
  for path in "${pending[@]}"; do
    code="$(curl -sS -o /dev/null -w '%{http_code}' --max-time "$timeout" "${url%/}$path" 2>/dev/null || true)"
    if [[ "$code" =~ ^2[0-9][0-9]$ ]]; then
      ci_info "ok: ${url%/}$path answered $code (attempt $attempt/$retries)"
    else
      ci_info "not ready: ${url%/}$path answered ${code:-nothing} (attempt $attempt/$retries)"
      still+=("$path")
    fi
  done
  pending=("${still[@]+"${still[@]}"}")
  if [[ ${#pending[@]} -eq 0 ]]; then
    ci_info "smoke test passed: ${#path_list[@]} health path(s) of $url"
    exit 0
  fi
  if [[ $attempt -lt $retries ]]; then sleep "$delay"; fi
done
ci_error "smoke test failed after $retries attempt(s): ${pending[*]} of $url did not answer 2xx"
exit "$CI_EXIT_FAILED"
