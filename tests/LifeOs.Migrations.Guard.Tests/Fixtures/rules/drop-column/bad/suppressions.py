from alembic import op

revision = "g1"
down_revision = "f1"


def upgrade():
    # migration-guard: ignore[drop-column] -- replaced by users.display_name in FIN-482; backfilled in 1a2b3c
    op.drop_column("users", "nickname")
    op.drop_column("users", "middle_name")  # migration-guard: ignore[MG202] -- empty since 2023, checked by the DB team
    # migration-guard: ignore[drop-column]
    op.drop_column("users", "fax")
    # migration-guard: ignore[drop-table] -- nothing here drops a table
    op.drop_column("users", "pager")
    # migration-guard: ignore[no-such-rule] -- typo
    # migration-guard ignore drop-column
    op.add_column("users", sa.Column("x", sa.Text()))
