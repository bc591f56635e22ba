"""int to bigint rewrites the table

Revision ID: a1b2c3d4e5f6
Revises: 
"""
from alembic import op
import sqlalchemy as sa

revision = "a1b2c3d4e5f6"
down_revision = None


def upgrade():
    op.alter_column("transactions", "id", type_=sa.BigInteger(), existing_type=sa.Integer())


def downgrade():
    pass
