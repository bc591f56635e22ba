"""through batch_alter_table

Revision ID: a1b2c3d4e5f6
Revises: 
"""
from alembic import op
import sqlalchemy as sa

revision = "a1b2c3d4e5f6"
down_revision = None


def upgrade():
    with op.batch_alter_table("transactions") as batch_op:
        batch_op.create_index("ix_transactions_booked_on", ["booked_on"])


def downgrade():
    pass
