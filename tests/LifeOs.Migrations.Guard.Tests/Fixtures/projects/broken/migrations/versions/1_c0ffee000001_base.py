"""base

Revision ID: c0ffee000001
"""
from alembic import op
import sqlalchemy as sa

revision = "c0ffee000001"
down_revision = None


def upgrade():
    op.create_table("ledger", sa.Column("id", sa.Integer(), primary_key=True), sa.Column("memo", sa.Text()))


def downgrade():
    op.drop_table("ledger")
