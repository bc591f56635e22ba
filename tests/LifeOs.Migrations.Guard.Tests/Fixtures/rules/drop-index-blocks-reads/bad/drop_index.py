"""drop an index inside the transaction

Revision ID: a1b2c3d4e5f6
Revises: 
"""
from alembic import op
import sqlalchemy as sa

revision = "a1b2c3d4e5f6"
down_revision = None


def upgrade():
    op.drop_index("ix_accounts_email", table_name="accounts")


def downgrade():
    pass
