"""no rewrite only when the session's TimeZone is UTC

Revision ID: a1b2c3d4e5f6
Revises: 
"""
from alembic import op
import sqlalchemy as sa

revision = "a1b2c3d4e5f6"
down_revision = None


def upgrade():
    op.alter_column("transactions", "booked_at", type_=sa.DateTime(timezone=True), existing_type=sa.DateTime())


def downgrade():
    pass
