"""validate it in its own transaction

Revision ID: b2
Revises: a1
"""
from alembic import op
import sqlalchemy as sa

revision = "b2"
down_revision = 'a1'


def upgrade():
    op.execute("ALTER TABLE transactions VALIDATE CONSTRAINT fk_transactions_account_id")


def downgrade():
    pass
