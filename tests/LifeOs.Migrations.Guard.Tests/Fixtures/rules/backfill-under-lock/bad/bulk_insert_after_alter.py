"""bulk_insert under the lock of an ALTER

Revision ID: a1b2c3d4e5f6
Revises: 
"""
from alembic import op
import sqlalchemy as sa

revision = "a1b2c3d4e5f6"
down_revision = None


def upgrade():
    op.add_column("categories", sa.Column("system", sa.Boolean(), nullable=True))
    categories = sa.table("categories", sa.column("name", sa.Text()), sa.column("system", sa.Boolean()))
    op.bulk_insert(categories, [{"name": "Fees", "system": True}])


def downgrade():
    pass
