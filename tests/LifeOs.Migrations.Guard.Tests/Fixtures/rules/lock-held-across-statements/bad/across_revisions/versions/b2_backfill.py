"""... held through the next revision: the run is one transaction

Revision ID: b2
Revises: a1
"""
from alembic import op
import sqlalchemy as sa

revision = "b2"
down_revision = 'a1'


def upgrade():
    op.execute("UPDATE transactions SET note = '' WHERE note IS NULL")


def downgrade():
    pass
