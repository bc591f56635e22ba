#!/usr/bin/env bats
# shellcheck disable=SC2016 # the single-quoted $VARs are expanded by the inner bash, on purpose
# .env.ci is loaded by scripts/ci/lib.sh without overriding the real environment.

load test_helper

setup() {
  common_setup
  ENV_FILE="$BATS_TEST_TMPDIR/env.ci"
}

source_lib() { # prints the named variables after sourcing lib.sh with $ENV_FILE
  CI_ENV_FILE="$ENV_FILE" bash -c 'source scripts/ci/lib.sh; for v in "$@"; do printf "%s=[%s]\n" "$v" "${!v-unset}"; done' _ "$@"
}

@test "the committed .env.ci gives the documented defaults" {
  run bash -c 'source scripts/ci/lib.sh; echo "$ALEMBIC_CONFIG|$GUARD_FAIL_ON|$PYTHON|$GUARD_APPROVALS_FILE"'
  [ "$status" -eq 0 ]
  [ "$output" = "examples/lifeos-finance/alembic.ini|error|/usr/bin/python3|examples/lifeos-finance/guard-approvals.json" ]
}

@test "a variable set in the environment wins over .env.ci" {
  run env GUARD_FAIL_ON=warning ALEMBIC_CONFIG=other/alembic.ini bash -c 'source scripts/ci/lib.sh; echo "$GUARD_FAIL_ON $ALEMBIC_CONFIG"'
  [ "$status" -eq 0 ]
  [ "$output" = "warning other/alembic.ini" ]
}

@test "a variable set to the empty string in the environment stays empty" {
  run env GUARD_FAIL_ON= bash -c 'source scripts/ci/lib.sh; echo "[$GUARD_FAIL_ON]"'
  [ "$status" -eq 0 ]
  [ "$output" = "[]" ]
}

@test "values are read literally: no expansion, no command substitution" {
  marker="$BATS_TEST_TMPDIR/executed"
  printf 'A=$(touch %s)\nB=${HOME}\nC=`touch %s`\n' "$marker" "$marker" >"$ENV_FILE"
  run source_lib A B C
  [ "$status" -eq 0 ]
  [ ! -e "$marker" ]
  [ "${lines[0]}" = "A=[\$(touch $marker)]" ]
  [ "${lines[1]}" = "B=[\${HOME}]" ]
}

@test "quotes, export, comments, blank lines and CRLF are handled" {
  printf '# comment\n\nexport A="one two"\nB='"'"'three'"'"'\r\n  C=four=4\n' >"$ENV_FILE"
  run source_lib A B C
  [ "$status" -eq 0 ]
  [ "${lines[0]}" = "A=[one two]" ]
  [ "${lines[1]}" = "B=[three]" ]
  [ "${lines[2]}" = "C=[four=4]" ]
}

@test "a malformed line is a usage error (exit 2) naming the file and line" {
  printf 'A=1\nthis is not a setting\n' >"$ENV_FILE"
  run source_lib A
  [ "$status" -eq 2 ]
  [[ "$output" == *"$ENV_FILE:2: expected KEY=VALUE"* ]]
}

@test "a missing settings file is reported (exit 2)" {
  ENV_FILE="$BATS_TEST_TMPDIR/none"
  run source_lib A
  [ "$status" -eq 2 ]
  [[ "$output" == *"settings file '$ENV_FILE' not found"* ]]
}

@test "the pinned PostgreSQL image carries a sha256 digest" {
  run bash -c 'source scripts/ci/lib.sh; echo "$POSTGRES_IMAGE"'
  [ "$status" -eq 0 ]
  [[ "$output" =~ ^postgres:15-alpine@sha256:[0-9a-f]{64}$ ]]
}

@test "scripts see the environment over .env.ci (check_migrations --fail-on validation)" {
  run env GUARD_FAIL_ON=bogus scripts/ci/check_migrations.sh
  [ "$status" -eq 2 ]
  [[ "$output" == *"--fail-on must be error, warning or info, not 'bogus'"* ]]
}
