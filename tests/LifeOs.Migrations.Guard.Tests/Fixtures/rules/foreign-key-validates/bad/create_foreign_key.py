"""a validated foreign key scans the referencing table

Revision ID: a1b2c3d4e5f6
Revises: 
"""
from alembic import op
import sqlalchemy as sa

revision = "a1b2c3d4e5f6"
down_revision = None


def upgrade():
    op.create_foreign_key("fk_transactions_account_id", "transactions", "accounts", ["account_id"], ["id"])


def downgrade():
    pass
