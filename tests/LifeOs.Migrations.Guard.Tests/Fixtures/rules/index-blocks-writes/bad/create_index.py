"""index an existing table inside the transaction

Revision ID: a1b2c3d4e5f6
Revises: 
"""
from alembic import op
import sqlalchemy as sa

revision = "a1b2c3d4e5f6"
down_revision = None


def upgrade():
    op.create_index("ix_accounts_email", "accounts", ["email"])


def downgrade():
    pass
