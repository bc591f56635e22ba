"""a volatile default is evaluated for every row

Revision ID: a1b2c3d4e5f6
Revises: 
"""
from alembic import op
import sqlalchemy as sa

revision = "a1b2c3d4e5f6"
down_revision = None


def upgrade():
    op.add_column("accounts", sa.Column("token", sa.dialects.postgresql.UUID(), server_default=sa.text("gen_random_uuid()")))


def downgrade():
    pass
