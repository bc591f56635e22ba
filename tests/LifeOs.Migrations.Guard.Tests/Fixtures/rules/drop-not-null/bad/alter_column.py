"""readers may now meet NULL

Revision ID: a1b2c3d4e5f6
Revises: 
"""
from alembic import op
import sqlalchemy as sa

revision = "a1b2c3d4e5f6"
down_revision = None


def upgrade():
    op.alter_column("accounts", "email", existing_type=sa.Text(), nullable=True)


def downgrade():
    pass
