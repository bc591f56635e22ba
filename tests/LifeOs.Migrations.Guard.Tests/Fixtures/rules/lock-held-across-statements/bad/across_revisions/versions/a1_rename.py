"""ACCESS EXCLUSIVE on accounts ...

Revision ID: a1
Revises: 
"""
from alembic import op
import sqlalchemy as sa

revision = "a1"
down_revision = None


def upgrade():
    op.alter_column("accounts", "name", new_column_name="display_name")


def downgrade():
    pass
