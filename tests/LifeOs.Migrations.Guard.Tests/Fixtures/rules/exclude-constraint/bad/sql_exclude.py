"""an exclusion constraint on an existing table

Revision ID: a1b2c3d4e5f6
Revises: 
"""
from alembic import op
import sqlalchemy as sa

revision = "a1b2c3d4e5f6"
down_revision = None


def upgrade():
    op.execute("ALTER TABLE bookings ADD CONSTRAINT ex_bookings_room EXCLUDE USING gist (room_id WITH =, during WITH &&)")


def downgrade():
    pass
