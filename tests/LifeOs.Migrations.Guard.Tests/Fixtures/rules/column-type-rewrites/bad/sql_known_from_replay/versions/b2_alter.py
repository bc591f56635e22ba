"""change the scale in SQL; the old type comes from the replayed schema

Revision ID: b2
Revises: a1
"""
from alembic import op
import sqlalchemy as sa

revision = "b2"
down_revision = 'a1'


def upgrade():
    op.execute("ALTER TABLE payments ALTER COLUMN amount TYPE numeric(12, 4)")


def downgrade():
    pass
