#!/usr/bin/env bats
# make check-migrations end to end with the real migration-guard (built by the script itself when
# artifacts/bin is missing or stale): the example project passes, a dangerous revision fails,
# and in GitHub Actions the annotations, the JSON report and the job summary are written.

load test_helper

setup_file() {
  cd "$BATS_TEST_DIRNAME/../.." || return 1
  # Build once for the whole file; the tests then find it up to date (a failed build shows up in
  # the first test that needs it).
  scripts/ci/build.sh >"$BATS_FILE_TMPDIR/build.log" 2>&1 || true
}

setup() {
  common_setup
  PROJECT="$BATS_TEST_TMPDIR/project"
  mkdir -p "$PROJECT/versions"
  printf '[alembic]\nscript_location = %%(here)s\nversion_locations = %%(here)s/versions\n' >"$PROJECT/alembic.ini"
  cat >"$PROJECT/versions/0001_create_users.py" <<'PY'
"""create users"""
import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None


def upgrade():
    op.create_table("users", sa.Column("id", sa.Integer, primary_key=True))


def downgrade():
    op.drop_table("users")
PY
}

@test "the example project passes the migration check" {
  [[ -f examples/lifeos-finance/alembic.ini ]] || skip "examples/lifeos-finance/alembic.ini is not in this checkout"
  run scripts/ci/check_migrations.sh
  [ "$status" -eq 0 ]
  [[ "$output" == *"no CI script, Makefile recipe or workflow creates a revision"* ]]
  [[ "$output" == *"migration check passed"* ]]
}

@test "a healthy project passes, and dropping a table in upgrade() fails it (exit 1)" {
  run scripts/ci/check_migrations.sh --config "$PROJECT/alembic.ini"
  [ "$status" -eq 0 ]
  cat >"$PROJECT/versions/0002_drop_users.py" <<'PY'
"""drop users"""
from alembic import op

revision = "0002"
down_revision = "0001"


def upgrade():
    op.drop_table("users")


def downgrade():
    pass
PY
  run scripts/ci/check_migrations.sh --config "$PROJECT/alembic.ini"
  [ "$status" -eq 1 ]
  [[ "$output" == *"drop-table"* ]]
  [[ "$output" == *"migration-guard found problems"* ]]
}

@test "two heads fail the check" {
  sed 's/"0001"/"0003"/; s/^down_revision = None/down_revision = None/' "$PROJECT/versions/0001_create_users.py" >"$PROJECT/versions/0003_other_base.py"
  run scripts/ci/check_migrations.sh --config "$PROJECT/alembic.ini"
  [ "$status" -eq 1 ]
}

@test "GUARD_FAIL_ON from the environment is passed to the guard" {
  run env GUARD_FAIL_ON=info scripts/ci/check_migrations.sh --config "$PROJECT/alembic.ini"
  # drop_table in downgrade() is an info finding: with --fail-on info it fails.
  [ "$status" -eq 1 ]
  [[ "$output" == *"--fail-on info"* ]]
}

@test "in GitHub Actions: annotations on stdout, JSON and SARIF reports and the job summary written" {
  local summary="$BATS_TEST_TMPDIR/step-summary.md"
  run env GITHUB_ACTIONS=true GITHUB_STEP_SUMMARY="$summary" GUARD_REPORT_DIR="$BATS_TEST_TMPDIR/guard" GUARD_FAIL_ON=info \
    scripts/ci/check_migrations.sh --config "$PROJECT/alembic.ini"
  [ "$status" -eq 1 ]
  [[ "$output" == *"::notice file="*"0001_create_users.py"* ]]
  [ -s "$BATS_TEST_TMPDIR/guard/guard.json" ]
  [ -s "$BATS_TEST_TMPDIR/guard/guard.sarif" ]
  grep -q '^## migration-guard: ' "$summary"
  grep -q 'drop-table' "$summary"
}
