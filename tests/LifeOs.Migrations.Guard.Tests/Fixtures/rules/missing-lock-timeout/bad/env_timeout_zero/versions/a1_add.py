"""lock_timeout=0 turns the timeout off

Revision ID: a1
Revises: 
"""
from alembic import op
import sqlalchemy as sa

revision = "a1"
down_revision = None


def upgrade():
    op.add_column("accounts", sa.Column("closed_at", sa.DateTime(), nullable=True))


def downgrade():
    pass
