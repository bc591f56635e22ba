"""char(n) to text trims trailing blanks: a rewrite (seen on PostgreSQL 15)

Revision ID: a1b2c3d4e5f6
Revises: 
"""
from alembic import op
import sqlalchemy as sa

revision = "a1b2c3d4e5f6"
down_revision = None


def upgrade():
    op.alter_column("accounts", "currency", type_=sa.Text(), existing_type=sa.CHAR(3))


def downgrade():
    pass
