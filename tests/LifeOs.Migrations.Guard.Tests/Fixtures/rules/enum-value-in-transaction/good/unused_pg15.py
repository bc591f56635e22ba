"""from PostgreSQL 12 adding a value in a transaction is fine when nothing uses it before the commit

Revision ID: a1b2c3d4e5f6
Revises: 
"""
from alembic import op
import sqlalchemy as sa

revision = "a1b2c3d4e5f6"
down_revision = None


def upgrade():
    op.execute("ALTER TYPE account_type ADD VALUE 'crypto'")


def downgrade():
    pass
