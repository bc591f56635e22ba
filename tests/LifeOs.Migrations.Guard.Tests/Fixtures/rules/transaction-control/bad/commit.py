"""COMMIT in a revision

Revision ID: a1b2c3d4e5f6
Revises: 
"""
from alembic import op
import sqlalchemy as sa

revision = "a1b2c3d4e5f6"
down_revision = None


def upgrade():
    op.execute("UPDATE accounts SET currency = 'EUR' WHERE currency IS NULL")
    op.execute("COMMIT")


def downgrade():
    pass
