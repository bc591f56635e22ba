"""on a table created in the same revision

Revision ID: a1b2c3d4e5f6
Revises: 
"""
from alembic import op
import sqlalchemy as sa

revision = "a1b2c3d4e5f6"
down_revision = None


def upgrade():
    op.create_table("bookings", sa.Column("id", sa.Integer(), primary_key=True), sa.Column("room_id", sa.Integer()))
    op.execute("ALTER TABLE bookings ADD CONSTRAINT ex_bookings_room EXCLUDE USING gist (room_id WITH =)")


def downgrade():
    pass
