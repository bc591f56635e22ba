"""inside autocommit_block()

Revision ID: a1b2c3d4e5f6
Revises: 
"""
from alembic import op
import sqlalchemy as sa

revision = "a1b2c3d4e5f6"
down_revision = None


def upgrade():
    with op.get_context().autocommit_block():
        op.create_index("ix_accounts_email", "accounts", ["email"], postgresql_concurrently=True)
        op.execute("REINDEX INDEX CONCURRENTLY ix_accounts_user_id")


def downgrade():
    pass
