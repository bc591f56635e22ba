"""a column of a table created in the same revision

Revision ID: a1b2c3d4e5f6
Revises: 
"""
from alembic import op
import sqlalchemy as sa

revision = "a1b2c3d4e5f6"
down_revision = None


def upgrade():
    op.create_table("ledgers", sa.Column("id", sa.Integer(), primary_key=True), sa.Column("nm", sa.Text()))
    op.alter_column("ledgers", "nm", new_column_name="name")


def downgrade():
    pass
