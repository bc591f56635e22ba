"""nothing bounds how long the statement holding the lock runs

Revision ID: a1b2c3d4e5f6
Revises: 
"""
from alembic import op
import sqlalchemy as sa

revision = "a1b2c3d4e5f6"
down_revision = None


def upgrade():
    op.create_check_constraint("ck_accounts_balance", "accounts", "balance >= 0")


def downgrade():
    pass
