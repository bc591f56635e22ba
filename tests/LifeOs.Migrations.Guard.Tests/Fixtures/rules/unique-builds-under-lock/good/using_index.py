"""build the index concurrently, then attach it

Revision ID: a1b2c3d4e5f6
Revises: 
"""
from alembic import op
import sqlalchemy as sa

revision = "a1b2c3d4e5f6"
down_revision = None


def upgrade():
    with op.get_context().autocommit_block():
        op.create_index("uq_accounts_email", "accounts", ["email"], unique=True, postgresql_concurrently=True)
    op.execute("ALTER TABLE accounts ADD CONSTRAINT uq_accounts_email UNIQUE USING INDEX uq_accounts_email")


def downgrade():
    pass
