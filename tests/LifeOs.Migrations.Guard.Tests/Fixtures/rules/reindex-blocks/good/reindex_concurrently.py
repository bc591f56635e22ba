"""the safe form (PostgreSQL 12+)

Revision ID: a1b2c3d4e5f6
Revises: 
"""
from alembic import op
import sqlalchemy as sa

revision = "a1b2c3d4e5f6"
down_revision = None


def upgrade():
    with op.get_context().autocommit_block():
        op.execute("REINDEX TABLE CONCURRENTLY accounts")


def downgrade():
    pass
