"""indexing it in a later revision of the same branch is free: it is empty in production

Revision ID: c3
Revises: b2
"""
from alembic import op
import sqlalchemy as sa

revision = "c3"
down_revision = 'b2'


def upgrade():
    op.create_index("ix_ledgers_name", "ledgers", ["name"])


def downgrade():
    pass
