"""the same in SQL

Revision ID: a1b2c3d4e5f6
Revises: 
"""
from alembic import op
import sqlalchemy as sa

revision = "a1b2c3d4e5f6"
down_revision = None


def upgrade():
    op.execute("ALTER TABLE accounts ALTER COLUMN email DROP NOT NULL")


def downgrade():
    pass
