"""Create tables

Revision ID: 111111111111
Revises:
"""
from alembic import op
import sqlalchemy as sa

revision = 'a1'
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
