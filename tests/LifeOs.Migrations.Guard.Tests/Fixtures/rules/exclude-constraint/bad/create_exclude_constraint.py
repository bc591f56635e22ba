"""Alembic's create_exclude_constraint on an existing table

Revision ID: a1b2c3d4e5f6
Revises: 
"""
from alembic import op
import sqlalchemy as sa

revision = "a1b2c3d4e5f6"
down_revision = None


def upgrade():
    op.create_exclude_constraint("ex_bookings_room", "bookings", ("room_id", "="), ("during", "&&"), using="gist")


def downgrade():
    pass
