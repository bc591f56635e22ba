"""add NOT VALID

Revision ID: a1
Revises: 
"""
from alembic import op
import sqlalchemy as sa

revision = "a1"
down_revision = None


def upgrade():
    op.create_check_constraint("ck_accounts_balance", "accounts", "balance >= 0", postgresql_not_valid=True)


def downgrade():
    pass
