"""indexing a table production holds, on this branch

Revision ID: b2
Revises: a1
"""
from alembic import op
import sqlalchemy as sa

revision = "b2"
down_revision = 'a1'


def upgrade():
    op.create_index("ix_accounts_email", "accounts", ["email"])


def downgrade():
    pass
