"""accounts, in production

Revision ID: a1
Revises: 
"""
from alembic import op
import sqlalchemy as sa

revision = "a1"
down_revision = None


def upgrade():
    op.create_table(
        "accounts",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("email", sa.Text()),
    )


def downgrade():
    pass
