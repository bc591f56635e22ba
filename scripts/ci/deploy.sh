#!/usr/bin/env bash
# Deploys the database schema of one environment: validates ENV, applies the migrations to
# DATABASE_URL with ci-harness (upgrade to head), then runs the smoke test against SMOKE_URL.
# prod is refused (exit 3) unless this runs in the approved release job: GitHub Actions, workflow
# lifeos-release.yml, a v*.*.* tag, and DEPLOY_APPROVED=true set by the job behind the
# `production` environment (required reviewers). Nothing is built or touched before these checks.
#
# Usage: scripts/ci/deploy.sh --env staging|prod
set -euo pipefail
cd "$(dirname "$0")/../.."
# shellcheck source-path=SCRIPTDIR/../..
source scripts/ci/lib.sh

readonly ALLOWED_ENVS="staging prod"
env_name=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --env)
      [[ $# -ge 2 ]] || ci_die "$CI_EXIT_USAGE" "--env needs a value: one of: $ALLOWED_ENVS"
      env_name="$2"
      shift
      ;;
    -h | --help) ci_usage; exit 0 ;;
    *) ci_die "$CI_EXIT_USAGE" "unknown option '$1' (try --help)" ;;
  esac
  shift
done

case "$env_name" in
  staging | prod) ;;
  "") ci_die "$CI_EXIT_USAGE" "ENV is not set; allowed values: $ALLOWED_ENVS (e.g. make deploy ENV=staging)" ;;
  *) ci_die "$CI_EXIT_USAGE" "ENV='$env_name' is not allowed; allowed values: $ALLOWED_ENVS" ;;
esac

if [[ "$env_name" == prod ]]; then
  reasons=()
  ci_in_github_actions || reasons+=("not running in GitHub Actions (GITHUB_ACTIONS != true)")
  [[ "${GITHUB_WORKFLOW_REF:-}" =~ /\.github/workflows/lifeos-release\.yml@refs/tags/v[0-9]+\.[0-9]+\.[0-9]+$ ]] ||
    reasons+=("not the release workflow on a release tag (GITHUB_WORKFLOW_REF='${GITHUB_WORKFLOW_REF:-}')")
  [[ "${GITHUB_REF:-}" =~ ^refs/tags/v[0-9]+\.[0-9]+\.[0-9]+$ ]] ||
    reasons+=("not a v*.*.* tag (GITHUB_REF='${GITHUB_REF:-}')")
  [[ "${DEPLOY_APPROVED:-}" == true ]] ||
    reasons+=("no approval (DEPLOY_APPROVED is set only by the job behind the 'production' environment)")
  if [[ ${#reasons[@]} -gt 0 ]]; then
    ci_error "deploy to prod refused: production is deployed only by the approved release job (lifeos-release.yml on a v*.*.* tag, environment 'production'). Nothing was touched."
    for reason in "${reasons[@]}"; do printf '  - %s\n' "$reason" >&2; done
    exit "$CI_EXIT_REFUSED"
  fi
fi

[[ -n "${DATABASE_URL:-}" ]] || ci_die "$CI_EXIT_USAGE" "DATABASE_URL is not set for '$env_name' (in CI it comes from the '$env_name' environment's secrets)"
[[ -n "${SMOKE_URL:-}" ]] || ci_die "$CI_EXIT_USAGE" "SMOKE_URL is not set for '$env_name'"

ci_section "deploy $env_name: migrations"
scripts/ci/run_migrations.sh --upgrade-only
ci_end_section

ci_section "deploy $env_name: smoke test"
scripts/ci/smoketest.sh --url "$SMOKE_URL"
ci_end_section
ci_info "deployed to $env_name"
