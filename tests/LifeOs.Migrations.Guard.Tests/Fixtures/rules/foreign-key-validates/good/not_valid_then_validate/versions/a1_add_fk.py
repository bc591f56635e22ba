"""add the key NOT VALID

Revision ID: a1
Revises: 
"""
from alembic import op
import sqlalchemy as sa

revision = "a1"
down_revision = None


def upgrade():
    op.create_foreign_key(
        "fk_transactions_account_id", "transactions", "accounts", ["account_id"], ["id"], postgresql_not_valid=True
    )


def downgrade():
    pass
