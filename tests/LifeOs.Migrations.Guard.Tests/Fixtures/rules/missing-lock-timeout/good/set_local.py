"""the revision sets its own lock_timeout first

Revision ID: a1b2c3d4e5f6
Revises: 
"""
from alembic import op
import sqlalchemy as sa

revision = "a1b2c3d4e5f6"
down_revision = None


def upgrade():
    op.execute("SET LOCAL lock_timeout = '3s'")
    op.add_column("accounts", sa.Column("closed_at", sa.DateTime(), nullable=True))


def downgrade():
    pass
