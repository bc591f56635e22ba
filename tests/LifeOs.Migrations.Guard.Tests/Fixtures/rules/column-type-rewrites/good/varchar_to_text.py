"""varchar to text needs no rewrite

Revision ID: a1b2c3d4e5f6
Revises: 
"""
from alembic import op
import sqlalchemy as sa

revision = "a1b2c3d4e5f6"
down_revision = None


def upgrade():
    op.alter_column("accounts", "name", type_=sa.Text(), existing_type=sa.String(100))


def downgrade():
    pass
