"""parallel branch, "quoted" and 100% odd: text

Revision ID: c0ffee000003
"""
from alembic import op

revision = "c0ffee000003"
down_revision = "c0ffee000001"


def upgrade():
    # migration-guard: ignore[drop-table] -- staging data re-imported nightly, DB-77
    op.drop_table("ledger_staging")


def downgrade():
    pass
