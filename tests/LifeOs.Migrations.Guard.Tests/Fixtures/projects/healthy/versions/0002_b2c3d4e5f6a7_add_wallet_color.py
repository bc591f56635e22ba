"""add wallet color

Revision ID: b2c3d4e5f6a7
Revises: a1b2c3d4e5f6
"""
from alembic import op
import sqlalchemy as sa

revision = "b2c3d4e5f6a7"
down_revision = "a1b2c3d4e5f6"


def upgrade():
    op.add_column("wallets", sa.Column("color", sa.String(7), nullable=True))
    op.execute(sa.text("UPDATE wallets SET color = '#000000' WHERE color IS NULL"))


def downgrade():
    op.drop_column("wallets", "color")
