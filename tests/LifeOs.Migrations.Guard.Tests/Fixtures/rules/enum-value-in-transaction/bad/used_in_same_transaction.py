"""the new value is used before the commit

Revision ID: a1b2c3d4e5f6
Revises: 
"""
from alembic import op
import sqlalchemy as sa

revision = "a1b2c3d4e5f6"
down_revision = None


def upgrade():
    op.execute("ALTER TYPE account_type ADD VALUE 'crypto'")
    op.execute("UPDATE accounts SET type = 'crypto' WHERE provider = 'coinbase'")


def downgrade():
    pass
