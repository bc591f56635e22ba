"""add NOT VALID

Revision ID: a1
Revises: 
"""
from alembic import op
import sqlalchemy as sa

revision = "a1"
down_revision = None


def upgrade():
    op.execute(
        "ALTER TABLE transactions ADD CONSTRAINT fk_transactions_account_id "
        "FOREIGN KEY (account_id) REFERENCES accounts (id) NOT VALID"
    )


def downgrade():
    pass
