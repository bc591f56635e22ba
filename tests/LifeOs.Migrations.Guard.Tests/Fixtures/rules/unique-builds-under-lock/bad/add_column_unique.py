"""add_column(unique=True)

Revision ID: a1b2c3d4e5f6
Revises: 
"""
from alembic import op
import sqlalchemy as sa

revision = "a1b2c3d4e5f6"
down_revision = None


def upgrade():
    op.add_column("accounts", sa.Column("slug", sa.String(64), unique=True))


def downgrade():
    pass
