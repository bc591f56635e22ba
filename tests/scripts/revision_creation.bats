#!/usr/bin/env bats
# CI runs migrations and never creates them: check_no_revision_creation.sh (run first by
# check_migrations.sh) fails when a CI script, Makefile recipe or workflow would create a
# revision. Tested on a temporary copy of the CI files, poisoned one way at a time.

load test_helper

setup() {
  common_setup
  TREE="$BATS_TEST_TMPDIR/tree"
  copy_ci_tree "$TREE"
}

check() { "$TREE/scripts/ci/check_no_revision_creation.sh"; }

@test "the repository's own CI files create no revision" {
  run scripts/ci/check_no_revision_creation.sh
  [ "$status" -eq 0 ]
  [[ "$output" == *"no CI script, Makefile recipe or workflow creates a revision"* ]]
}

@test "the unmodified copy passes" {
  run check
  [ "$status" -eq 0 ]
}

@test "alembic revision --autogenerate in a CI script fails, naming file and line" {
  printf 'alembic revision --autogenerate -m "sync"\n' >>"$TREE/scripts/ci/run_migrations.sh"
  run check
  [ "$status" -eq 1 ]
  [[ "$output" == *"scripts/ci/run_migrations.sh:"*"alembic revision --autogenerate"* ]]
  [[ "$output" == *"would CREATE an Alembic revision"* ]]
}

@test "python -m alembic with options, then merge, in a workflow fails" {
  mkdir -p "$TREE/.github/workflows"
  printf 'jobs:\n  x:\n    steps:\n      - run: /usr/bin/python3 -m alembic -c alembic.ini merge -m m heads\n' >"$TREE/.github/workflows/extra.yml"
  run check
  [ "$status" -eq 1 ]
  [[ "$output" == *".github/workflows/extra.yml:4:"* ]]
}

@test "a Makefile recipe that creates a revision fails" {
  printf '\nnew-revision:\n\tcd examples/lifeos-finance && alembic --config alembic.ini revision -m x\n' >>"$TREE/Makefile"
  run check
  [ "$status" -eq 1 ]
  [[ "$output" == *"/Makefile:"* ]]
}

@test "Alembic's Python API (command.revision) in a CI helper fails" {
  printf 'from alembic import command\ncommand.revision(cfg, autogenerate=True)\n' >"$TREE/scripts/ci/helper.py"
  run check
  [ "$status" -eq 1 ]
  [[ "$output" == *"scripts/ci/helper.py:2:"* ]]
}

@test "an autogenerate flag alone fails" {
  printf 'ALEMBIC_FLAGS=--autogenerate\n' >>"$TREE/scripts/ci/lint.sh"
  run check
  [ "$status" -eq 1 ]
}

@test "comments and commands that only apply migrations pass" {
  printf '# never run: alembic revision --autogenerate\nalembic upgrade head\n/usr/bin/python3 -m alembic -c alembic.ini upgrade head\nalembic -x data=1 downgrade base\n' >>"$TREE/scripts/ci/run_migrations.sh"
  run check
  [ "$status" -eq 0 ]
}

@test "check_migrations.sh stops on a revision-creating script before building anything" {
  printf 'alembic revision -m x\n' >>"$TREE/scripts/ci/smoketest.sh"
  mkdir -p "$TREE/examples/lifeos-finance"
  : >"$TREE/examples/lifeos-finance/alembic.ini"
  run env CI_BIN_DIR="$BATS_TEST_TMPDIR/bin" "$TREE/scripts/ci/check_migrations.sh"
  [ "$status" -eq 1 ]
  [[ "$output" == *"would CREATE an Alembic revision"* ]]
  [[ "$output" != *"dotnet publish"* ]]
  [ ! -e "$BATS_TEST_TMPDIR/bin" ]
}
