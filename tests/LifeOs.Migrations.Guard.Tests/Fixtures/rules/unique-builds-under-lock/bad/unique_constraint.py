"""a unique constraint builds its index under ACCESS EXCLUSIVE

Revision ID: a1b2c3d4e5f6
Revises: 
"""
from alembic import op
import sqlalchemy as sa

revision = "a1b2c3d4e5f6"
down_revision = None


def upgrade():
    op.create_unique_constraint("uq_accounts_email", "accounts", ["email"])


def downgrade():
    pass
