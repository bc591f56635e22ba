#!/usr/bin/env bats
# The committed-secret scan of security.sh, on temporary git repositories. Fake secrets are
# assembled at run time so that this file itself holds none.

load test_helper

setup() {
  common_setup
  REPO="$BATS_TEST_TMPDIR/repo"
  mkdir -p "$REPO"
  git -C "$REPO" init -q
}

track() { # track FILE CONTENT
  mkdir -p "$(dirname "$REPO/$1")"
  printf '%s\n' "$2" >"$REPO/$1"
  git -C "$REPO" add "$1"
}

scan() { /usr/bin/python3 scripts/ci/secret_scan.py --root "$REPO"; }

@test "an AWS access key id is found, and not printed" {
  key="AKIA$(printf 'Q%.0s' {1..16})"
  track config/app.json "{\"aws\": \"$key\"}"
  run scan
  [ "$status" -eq 1 ]
  [[ "$output" == *"config/app.json:1: possible secret: AWS access key id"* ]]
  [[ "$output" != *"$key"* ]]
}

@test "a private key is found" {
  track deploy/id_rsa "-----BEGIN RSA PRIVATE"" KEY-----"
  run scan
  [ "$status" -eq 1 ]
  [[ "$output" == *"private key"* ]]
}

@test "a password in a URL to a remote host is found" {
  track settings.ini "url = postgresql://app:$(printf 'S3cr%s' et-value)@db.internal.example:5432/lifeos"
  run scan
  [ "$status" -eq 1 ]
  [[ "$output" == *"password in URL for host db.internal.example"* ]]
}

@test "the documented local test URLs and placeholders are allowed" {
  track docs/local.md "postgresql://postgres:postgres@localhost:5432/postgres postgresql://lifeos:lifeos@127.0.0.1:54329/lifeos"
  # shellcheck disable=SC2016 # a literal ${DB_PASSWORD} placeholder, as documentation writes it
  track docs/placeholder.md 'postgresql://user:${DB_PASSWORD}@db.example:5432/x postgresql://user:<password>@host/db'

  run scan
  [ "$status" -eq 0 ]
}

@test "a secret-like setting with a value in .env.ci is found, even untracked" {
  printf 'ALEMBIC_CONFIG=a.ini\nDB_PASSWORD=%s\n' "hunter2value" >"$REPO/.env.ci"
  run scan
  [ "$status" -eq 1 ]
  [[ "$output" == *".env.ci:2: possible secret: secret-like setting DB_PASSWORD has a value"* ]]
}

@test "an untracked file is not scanned" {
  printf 'AKIA%s\n' "QQQQQQQQQQQQQQQQ" >"$REPO/untracked.txt"
  run scan
  [ "$status" -eq 0 ]
}
