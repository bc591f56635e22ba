"""server_default= is in the DDL

Revision ID: a1b2c3d4e5f6
Revises: 
"""
from alembic import op
import sqlalchemy as sa

revision = "a1b2c3d4e5f6"
down_revision = None


def upgrade():
    op.add_column("accounts", sa.Column("archived", sa.Boolean(), server_default=sa.false(), nullable=False))


def downgrade():
    pass
