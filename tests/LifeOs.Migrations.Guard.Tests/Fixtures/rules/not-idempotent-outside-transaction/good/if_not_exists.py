"""safe to run again

Revision ID: a1b2c3d4e5f6
Revises: 
"""
from alembic import op
import sqlalchemy as sa

revision = "a1b2c3d4e5f6"
down_revision = None


def upgrade():
    with op.get_context().autocommit_block():
        op.execute("CREATE INDEX CONCURRENTLY IF NOT EXISTS ix_accounts_email ON accounts (email)")
        op.execute("DROP INDEX CONCURRENTLY IF EXISTS ix_accounts_old_email")


def downgrade():
    pass
