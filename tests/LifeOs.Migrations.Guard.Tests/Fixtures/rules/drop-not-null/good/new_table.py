"""on a table created in the same revision

Revision ID: a1b2c3d4e5f6
Revises: 
"""
from alembic import op
import sqlalchemy as sa

revision = "a1b2c3d4e5f6"
down_revision = None


def upgrade():
    op.create_table("ledgers", sa.Column("id", sa.Integer(), primary_key=True), sa.Column("name", sa.Text(), nullable=False))
    op.alter_column("ledgers", "name", existing_type=sa.Text(), nullable=True)


def downgrade():
    pass
