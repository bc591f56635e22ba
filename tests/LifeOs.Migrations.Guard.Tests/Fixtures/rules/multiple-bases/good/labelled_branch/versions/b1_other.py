"""Revision b1"""
from alembic import op
import sqlalchemy as sa

revision = 'b1'
down_revision = None
branch_labels = ('other',)
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
