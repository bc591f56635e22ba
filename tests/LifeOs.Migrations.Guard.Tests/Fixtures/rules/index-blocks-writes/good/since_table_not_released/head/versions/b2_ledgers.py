"""a table this branch adds: production has never seen it

Revision ID: b2
Revises: a1
"""
from alembic import op
import sqlalchemy as sa

revision = "b2"
down_revision = 'a1'


def upgrade():
    op.create_table(
        "ledgers",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("name", sa.Text()),
    )


def downgrade():
    pass
