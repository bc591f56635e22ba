"""renaming a table breaks deployed code

Revision ID: a1b2c3d4e5f6
Revises: 
"""
from alembic import op
import sqlalchemy as sa

revision = "a1b2c3d4e5f6"
down_revision = None


def upgrade():
    op.rename_table("accounts", "ledger_accounts")


def downgrade():
    pass
