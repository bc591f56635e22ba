"""Revision b2"""
from alembic import op
import sqlalchemy as sa

revision = 'b2'
down_revision = 'a1'
branch_labels = None
depends_on = 'c3'


def upgrade():
    pass


def downgrade():
    pass
