"""SQL the guard cannot read stays a warning

Revision ID: a1b2c3d4e5f6
Revises: 
"""
from alembic import op
import sqlalchemy as sa

revision = "a1b2c3d4e5f6"
down_revision = None


def upgrade():
    op.execute("CREATE STATISTICS st_accounts (dependencies) ON user_id, type FROM accounts; GARBAGE;")


def downgrade():
    pass
