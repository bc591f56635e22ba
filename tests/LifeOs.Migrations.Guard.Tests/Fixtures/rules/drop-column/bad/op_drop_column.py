"""remove legacy name

Revision ID: 3c1f0a9b2d4e
Revises: 9e8d7c6b5a41
"""
from alembic import op
import sqlalchemy as sa

revision = "3c1f0a9b2d4e"
down_revision = "9e8d7c6b5a41"


def upgrade():
    op.drop_column("users", "legacy_name")


def downgrade():
    op.add_column("users", sa.Column("legacy_name", sa.Text(), nullable=True))
