"""the slow statement first, the instant ACCESS EXCLUSIVE last

Revision ID: a1b2c3d4e5f6
Revises: 
"""
from alembic import op
import sqlalchemy as sa

revision = "a1b2c3d4e5f6"
down_revision = None


def upgrade():
    with op.get_context().autocommit_block():
        op.create_index("ix_transactions_booked_on", "transactions", ["booked_on"], postgresql_concurrently=True)
    op.add_column("accounts", sa.Column("closed_at", sa.DateTime(), nullable=True))


def downgrade():
    pass
