"""the backfill runs after the commit, in its own statements

Revision ID: a1b2c3d4e5f6
Revises: 
"""
from alembic import op
import sqlalchemy as sa

revision = "a1b2c3d4e5f6"
down_revision = None


def upgrade():
    op.add_column("accounts", sa.Column("currency", sa.CHAR(3), nullable=True))
    with op.get_context().autocommit_block():
        op.execute("UPDATE accounts SET currency = 'EUR' WHERE currency IS NULL AND id < 100000")
        op.execute("UPDATE accounts SET currency = 'EUR' WHERE currency IS NULL AND id >= 100000")


def downgrade():
    pass
