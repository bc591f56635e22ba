"""renaming a column breaks deployed code

Revision ID: a1b2c3d4e5f6
Revises: 
"""
from alembic import op
import sqlalchemy as sa

revision = "a1b2c3d4e5f6"
down_revision = None


def upgrade():
    op.alter_column("accounts", "name", new_column_name="display_name")


def downgrade():
    pass
