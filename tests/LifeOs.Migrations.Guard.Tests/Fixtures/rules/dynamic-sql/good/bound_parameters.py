"""literal SQL with bound parameters

Revision ID: a1b2c3d4e5f6
Revises: 
"""
from alembic import op
import sqlalchemy as sa

revision = "a1b2c3d4e5f6"
down_revision = None


def upgrade():
    op.execute(sa.text("UPDATE accounts SET currency = :currency WHERE currency IS NULL").bindparams(currency="EUR"))


def downgrade():
    pass
