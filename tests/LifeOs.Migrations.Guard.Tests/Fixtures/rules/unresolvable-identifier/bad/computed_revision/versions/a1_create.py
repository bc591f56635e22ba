"""Revision a1"""
from alembic import op
import sqlalchemy as sa
from ids import make_id

revision = make_id()
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
