#!/usr/bin/env bats
# shellcheck disable=SC2030,SC2031 # each @test runs in its own subshell: exports are per test on purpose
# `make deploy ENV=…` validates ENV and refuses prod outside the approved release job, touching
# nothing. The approved-job case is checked up to the point where it needs a real database.

load test_helper

setup() {
  common_setup
  export CI_BIN_DIR="$BATS_TEST_TMPDIR/bin"
}

release_job_env() {
  export GITHUB_ACTIONS=true
  export GITHUB_WORKFLOW_REF="lifeos/toolkit/.github/workflows/lifeos-release.yml@refs/tags/v1.2.3"
  export GITHUB_REF=refs/tags/v1.2.3
  export DEPLOY_APPROVED=true
}

@test "ENV=qa is refused with the allowed values (exit 2)" {
  run scripts/ci/deploy.sh --env qa
  [ "$status" -eq 2 ]
  [[ "$output" == *"ENV='qa' is not allowed; allowed values: staging prod"* ]]
}

@test "make deploy ENV=qa is refused with the allowed values" {
  run make --no-print-directory deploy ENV=qa
  [ "$status" -ne 0 ]
  [[ "$output" == *"allowed values: staging prod"* ]]
}

@test "no ENV is a usage error listing the allowed values" {
  run scripts/ci/deploy.sh
  [ "$status" -eq 2 ]
  [[ "$output" == *"ENV is not set; allowed values: staging prod"* ]]
}

@test "prod outside GitHub Actions is refused (exit 3) and nothing is built or touched" {
  export DATABASE_URL=postgresql://postgres:postgres@127.0.0.1:9/lifeos SMOKE_URL=http://127.0.0.1:9
  run scripts/ci/deploy.sh --env prod
  [ "$status" -eq 3 ]
  [[ "$output" == *"deploy to prod refused"* ]]
  [[ "$output" == *"Nothing was touched"* ]]
  [[ "$output" != *"dotnet publish"* ]]
  [ ! -e "$CI_BIN_DIR" ]
}

@test "make deploy ENV=prod outside a release job exits non-zero" {
  run make --no-print-directory deploy ENV=prod
  [ "$status" -ne 0 ]
  [[ "$output" == *"deploy to prod refused"* ]]
  [ ! -e "$CI_BIN_DIR" ]
}

@test "prod from another workflow (lifeos-main.yml) is refused" {
  release_job_env
  export GITHUB_WORKFLOW_REF="lifeos/toolkit/.github/workflows/lifeos-main.yml@refs/heads/main"
  export GITHUB_REF=refs/heads/main
  run scripts/ci/deploy.sh --env prod
  [ "$status" -eq 3 ]
  [[ "$output" == *"not the release workflow"* ]]
  [[ "$output" == *"not a v*.*.* tag"* ]]
}

@test "prod in the release workflow without the environment's approval is refused" {
  release_job_env
  unset DEPLOY_APPROVED
  run scripts/ci/deploy.sh --env prod
  [ "$status" -eq 3 ]
  [[ "$output" == *"no approval"* ]]
}

@test "prod on a tag that is not v*.*.* is refused" {
  release_job_env
  export GITHUB_REF=refs/tags/v1.2
  export GITHUB_WORKFLOW_REF="lifeos/toolkit/.github/workflows/lifeos-release.yml@refs/tags/v1.2"
  run scripts/ci/deploy.sh --env prod
  [ "$status" -eq 3 ]
}

@test "prod in the approved release job passes the gate, then needs DATABASE_URL" {
  release_job_env
  run scripts/ci/deploy.sh --env prod
  [ "$status" -eq 2 ]
  [[ "$output" != *"refused"* ]]
  [[ "$output" == *"DATABASE_URL is not set for 'prod'"* ]]
}

@test "staging needs DATABASE_URL and SMOKE_URL" {
  run scripts/ci/deploy.sh --env staging
  [ "$status" -eq 2 ]
  [[ "$output" == *"DATABASE_URL is not set for 'staging'"* ]]
  export DATABASE_URL=postgresql://postgres:postgres@127.0.0.1:9/lifeos
  run scripts/ci/deploy.sh --env staging
  [ "$status" -eq 2 ]
  [[ "$output" == *"SMOKE_URL is not set for 'staging'"* ]]
}
