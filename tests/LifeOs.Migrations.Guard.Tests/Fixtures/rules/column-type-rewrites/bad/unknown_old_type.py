"""no existing_type and no history: the guard says it cannot tell

Revision ID: a1b2c3d4e5f6
Revises: 
"""
from alembic import op
import sqlalchemy as sa

revision = "a1b2c3d4e5f6"
down_revision = None


def upgrade():
    op.alter_column("transactions", "amount", type_=sa.Numeric(14, 2))


def downgrade():
    pass
