"""base

Revision ID: 1f2e3d4c5b6a
"""
from alembic import op
import sqlalchemy as sa

revision = u'1f2e3d4c5b6a'
down_revision = None
branch_labels = None
depends_on = ()


def upgrade():
    op.create_table("t", sa.Column("id", sa.Integer(), primary_key=True))


def downgrade():
    op.drop_table("t")
