#!/usr/bin/env bats
# scripts/hooks/pre-commit in a real temporary git repository, installed the way its header says
# (a symlink in .git/hooks), run by `git commit` with the real migration-guard: a staged revision
# that drops a column blocks the commit, a clean one is committed, and without a staged revision
# the hook does nothing. Tests that need the guard are skipped when artifacts/bin is not built.

load test_helper

setup() {
  common_setup
  unset MIGRATION_GUARD
  GUARD="$REPO_ROOT/artifacts/bin/migration-guard"

  # No user or system git settings (hooksPath, signing, templates) leak into the repository.
  export GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL="$BATS_TEST_TMPDIR/gitconfig"
  git config --global user.name "Hook Test"
  git config --global user.email "hook-test@example.com"
  git config --global init.defaultBranch main
  git config --global commit.gpgsign false

  REPO="$BATS_TEST_TMPDIR/repo"
  mkdir -p "$REPO/scripts/hooks" "$REPO/app/versions"
  git -C "$REPO" init -q
  cp "$REPO_ROOT/scripts/hooks/pre-commit" "$REPO/scripts/hooks/pre-commit"
  (cd "$REPO" && ln -s ../../scripts/hooks/pre-commit .git/hooks/pre-commit)

  export ALEMBIC_CONFIG=app/alembic.ini
  printf '[alembic]\nscript_location = %%(here)s\nversion_locations = %%(here)s/versions\n' >"$REPO/app/alembic.ini"
  cat >"$REPO/app/versions/0001_create_users.py" <<'PY'
"""create users"""
import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None


def upgrade():
    op.create_table("users", sa.Column("id", sa.Integer, primary_key=True), sa.Column("email", sa.Text))


def downgrade():
    op.drop_table("users")
PY
  git -C "$REPO" add .
  git -C "$REPO" commit -q --no-verify -m "base"
  cd "$REPO" || return 1
}

require_guard() {
  [[ -x "$GUARD" ]] || skip "the real guard $GUARD is missing (run make build)"
  export MIGRATION_GUARD="$GUARD"
}

commits() { git rev-list --count HEAD; }

@test "the hook is shellcheck-clean" {
  run shellcheck "$REPO_ROOT/scripts/hooks/pre-commit"
  [ "$status" -eq 0 ]
}

@test "a staged revision with an unsuppressed op.drop_column in upgrade() blocks the commit (exit 1) with the finding" {
  require_guard
  cat >app/versions/0002_drop_email.py <<'PY'
"""drop email"""
import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"


def upgrade():
    op.drop_column("users", "email")


def downgrade():
    op.add_column("users", sa.Column("email", sa.Text))
PY
  git add app/versions/0002_drop_email.py

  run .git/hooks/pre-commit
  [ "$status" -eq 1 ]
  [[ "$output" == *"app/versions/0002_drop_email.py:10:5: error[MG202 drop-column]"* ]]

  run git commit -m "drop email"
  [ "$status" -ne 0 ]
  [[ "$output" == *"MG202 drop-column"* ]]
  [ "$(commits)" -eq 1 ]
}

@test "a clean staged revision passes the hook and is committed" {
  require_guard
  cat >app/versions/0002_add_name.py <<'PY'
"""add name"""
import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"


def upgrade():
    op.add_column("users", sa.Column("name", sa.Text, nullable=True))


def downgrade():
    op.drop_column("users", "name")
PY
  git add app/versions/0002_add_name.py

  run .git/hooks/pre-commit
  [ "$status" -eq 0 ]
  [[ "$output" == *"Checked 1 file"*"0 errors"* ]]

  run git commit -m "add name"
  [ "$status" -eq 0 ]
  [ "$(commits)" -eq 2 ]
}

@test "without a staged revision the hook does nothing, not even look for the guard" {
  # Were the guard looked for, this one would fail: it does not exist.
  export MIGRATION_GUARD="$BATS_TEST_TMPDIR/no-such-guard"
  printf '# notes\n' >README.md
  printf 'not a revision\n' >app/versions/README
  mkdir -p app/versions_old
  printf 'x = 1\n' >app/versions_old/x.py
  git add README.md app/versions/README app/versions_old/x.py
  git rm -q app/versions/0001_create_users.py

  run .git/hooks/pre-commit
  [ "$status" -eq 0 ]
  [ -z "$output" ]

  run git commit -m "docs"
  [ "$status" -eq 0 ]
  [ "$(commits)" -eq 2 ]
}

@test "without any guard the hook says to run make build (exit 1)" {
  printf '"""x"""\n' >app/versions/0002_x.py
  git add app/versions/0002_x.py

  PATH="$(path_without migration-guard)" run .git/hooks/pre-commit
  [ "$status" -eq 1 ]
  [[ "$output" == *"migration-guard not found"*"make build"* ]]
}

@test "a MIGRATION_GUARD that is not executable is an error (exit 1)" {
  printf '"""x"""\n' >app/versions/0002_x.py
  git add app/versions/0002_x.py

  MIGRATION_GUARD="$BATS_TEST_TMPDIR/no-such-guard" run .git/hooks/pre-commit
  [ "$status" -eq 1 ]
  [[ "$output" == *"MIGRATION_GUARD is '$BATS_TEST_TMPDIR/no-such-guard', which is not an executable"* ]]
}

@test "every staged revision is checked, a path with spaces included, and nothing else" {
  require_guard
  cat >app/versions/0002_add_name.py <<'PY'
"""add name"""
import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"


def upgrade():
    op.add_column("users", sa.Column("name", sa.Text, nullable=True))


def downgrade():
    op.drop_column("users", "name")
PY
  sed 's/"0002"/"0003"/; s/down_revision = "0001"/down_revision = "0002"/; s/add_column("users", sa.Column("name", sa.Text, nullable=True))/drop_column("users", "email")/' \
    app/versions/0002_add_name.py >"app/versions/0003 drop email.py"
  printf '# notes\n' >README.md
  git add README.md app/versions/0002_add_name.py "app/versions/0003 drop email.py"

  run .git/hooks/pre-commit
  [ "$status" -eq 1 ]
  [[ "$output" == *"app/versions/0003 drop email.py:10:5: error[MG202 drop-column]"* ]]
  [[ "$output" == *"Checked 2 files"* ]]
}

@test "pre-commit framework hook runs the same check on the same files" {
  local hooks="$REPO_ROOT/.pre-commit-hooks.yaml"
  grep -qx -- '- id: migration-guard' "$hooks"
  grep -qx -- '  entry: migration-guard check --fail-on error' "$hooks"
  grep -qx -- '  language: system' "$hooks"
  grep -qxF -- '  files: (^|/)versions/.*\.py$' "$hooks"
  grep -qx -- '  pass_filenames: true' "$hooks"
  grep -qx -- '  require_serial: true' "$hooks"
  grep -qF -- "revision_pattern='(^|/)versions/.*\\.py\$'" "$REPO_ROOT/scripts/hooks/pre-commit"
}
