#!/usr/bin/env bats
# The pre-commit hook that builds itself (`language: dotnet`), with Debian's pre-commit, in a
# temporary git repository that has never built this one: pre-commit packs this repository at its
# current commit and installs the migration-guard tool; a staged revision that drops a column is
# refused with the finding, and accepted once the drop is suppressed with a reason.

load test_helper

setup() {
  common_setup
  command -v pre-commit >/dev/null || skip "pre-commit is not installed (apt-get install pre-commit; CI installs it)"
  export GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL="$BATS_TEST_TMPDIR/gitconfig"
  git config --global user.name "Hook Test"
  git config --global user.email "hook-test@example.com"
  git config --global init.defaultBranch main
  git config --global commit.gpgsign false
  git config --global --add safe.directory '*'
  export PRE_COMMIT_HOME="$BATS_TEST_TMPDIR/pre-commit-home"

  REPO="$BATS_TEST_TMPDIR/repo"
  mkdir -p "$REPO/app/versions"
  git -C "$REPO" init -q
  printf '[alembic]\nscript_location = %%(here)s\nversion_locations = %%(here)s/versions\n' >"$REPO/app/alembic.ini"
  cat >"$REPO/app/versions/0001_create_users.py" <<'PY'
"""create users"""
import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None


def upgrade():
    op.create_table("users", sa.Column("id", sa.Integer, primary_key=True), sa.Column("fax", sa.Text))


def downgrade():
    op.drop_table("users")
PY
  cat >"$REPO/.pre-commit-config.yaml" <<YAML
repos:
  - repo: $REPO_ROOT
    rev: $(git -C "$REPO_ROOT" rev-parse HEAD)
    hooks:
      - id: migration-guard-dotnet
        args: [--config, app/alembic.ini]
YAML
  git -C "$REPO" add .
  git -C "$REPO" commit -q --no-verify -m "base"
  cd "$REPO" || return 1
}

drop_fax() { # [SUPPRESSION COMMENT]
  cat >app/versions/0002_drop_fax.py <<PY
"""drop users.fax"""
from alembic import op

revision = "0002"
down_revision = "0001"


def upgrade():
    ${1:-}
    op.drop_column("users", "fax")


def downgrade():
    pass
PY
  git add app/versions/0002_drop_fax.py
}

@test "pre-commit builds the tool itself, refuses a dropped column, accepts it once suppressed with a reason" {
  run pre-commit install
  [ "$status" -eq 0 ]

  drop_fax
  run git commit -m "drop fax"
  [ "$status" -ne 0 ]
  [[ "$output" == *"error[MG202 drop-column]"* ]]
  [ "$(git rev-list --count HEAD)" -eq 1 ]

  drop_fax "# migration-guard: ignore[drop-column] -- fax numbers are no longer collected (FIN-7)"
  run git commit -m "drop fax, approved"
  [ "$status" -eq 0 ]
  [ "$(git rev-list --count HEAD)" -eq 2 ]
}
