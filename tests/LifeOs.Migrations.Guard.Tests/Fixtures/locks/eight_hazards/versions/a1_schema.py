"""the tables production already holds

Revision ID: a1
Revises:
"""
from alembic import op
import sqlalchemy as sa

revision = "a1"
down_revision = None


def upgrade():
    op.create_table(
        "accounts",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("email", sa.Text(), nullable=True),
    )
    op.create_table(
        "transactions",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("amount", sa.Integer(), nullable=False),
        sa.Column("booked_on", sa.Date(), nullable=False),
    )
    op.create_table("import_staging", sa.Column("id", sa.Integer(), primary_key=True))
    op.create_table("ledgers", sa.Column("id", sa.Integer(), primary_key=True))


def downgrade():
    pass
