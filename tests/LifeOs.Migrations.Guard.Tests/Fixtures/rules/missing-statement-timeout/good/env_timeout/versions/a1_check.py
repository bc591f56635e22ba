"""env.py sets statement_timeout

Revision ID: a1
Revises: 
"""
from alembic import op
import sqlalchemy as sa

revision = "a1"
down_revision = None


def upgrade():
    op.create_check_constraint("ck_accounts_balance", "accounts", "balance >= 0")


def downgrade():
    pass
