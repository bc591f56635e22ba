"""NOT VALID checks only new rows

Revision ID: a1b2c3d4e5f6
Revises: 
"""
from alembic import op
import sqlalchemy as sa

revision = "a1b2c3d4e5f6"
down_revision = None


def upgrade():
    op.create_check_constraint("ck_accounts_balance", "accounts", "balance >= 0", postgresql_not_valid=True)


def downgrade():
    pass
