"""Revision c1"""
from alembic import op
import sqlalchemy as sa

revision = 'c1'
down_revision = ('a1', 'b1')
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
