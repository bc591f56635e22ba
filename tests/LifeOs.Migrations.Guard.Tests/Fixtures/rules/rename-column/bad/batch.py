"""through batch_alter_table

Revision ID: a1b2c3d4e5f6
Revises: 
"""
from alembic import op
import sqlalchemy as sa

revision = "a1b2c3d4e5f6"
down_revision = None


def upgrade():
    with op.batch_alter_table("accounts") as batch_op:
        batch_op.alter_column("name", new_column_name="display_name")


def downgrade():
    pass
