"""savepoints inside Alembic's transaction

Revision ID: a1b2c3d4e5f6
Revises: 
"""
from alembic import op
import sqlalchemy as sa

revision = "a1b2c3d4e5f6"
down_revision = None


def upgrade():
    op.execute("SAVEPOINT before_backfill")
    op.execute("UPDATE accounts SET currency = 'EUR'")
    op.execute("RELEASE SAVEPOINT before_backfill")


def downgrade():
    pass
