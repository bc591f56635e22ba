"""ADD VALUE in a transaction fails before PostgreSQL 12

Revision ID: a1
Revises: 
"""
from alembic import op
import sqlalchemy as sa

revision = "a1"
down_revision = None


def upgrade():
    op.execute("ALTER TYPE account_type ADD VALUE 'crypto'")


def downgrade():
    pass
