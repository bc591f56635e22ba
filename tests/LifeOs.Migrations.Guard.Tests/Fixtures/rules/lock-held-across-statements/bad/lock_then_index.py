"""ACCESS EXCLUSIVE held through an index build on another table

Revision ID: a1b2c3d4e5f6
Revises: 
"""
from alembic import op
import sqlalchemy as sa

revision = "a1b2c3d4e5f6"
down_revision = None


def upgrade():
    op.add_column("accounts", sa.Column("closed_at", sa.DateTime(), nullable=True))
    op.create_index("ix_transactions_booked_on", "transactions", ["booked_on"])


def downgrade():
    pass
