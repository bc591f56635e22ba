"""CASCADE empties the referencing table too

Revision ID: b2
Revises: a1
"""
from alembic import op
import sqlalchemy as sa

revision = "b2"
down_revision = 'a1'


def upgrade():
    op.execute("TRUNCATE imports CASCADE")


def downgrade():
    pass
