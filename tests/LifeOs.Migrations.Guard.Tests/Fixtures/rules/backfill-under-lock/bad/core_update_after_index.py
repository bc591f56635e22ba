"""a SQLAlchemy Core update after an index build blocks writes

Revision ID: a1b2c3d4e5f6
Revises: 
"""
from alembic import op
import sqlalchemy as sa

revision = "a1b2c3d4e5f6"
down_revision = None


def upgrade():
    op.create_index("ix_transactions_note", "transactions", ["note"])
    transactions = sa.table("transactions", sa.column("note", sa.Text()))
    op.get_bind().execute(sa.update(transactions).values(note=""))


def downgrade():
    pass
