"""Revision b2"""
from alembic import op
import sqlalchemy as sa
from ids import previous

revision = 'b2'
down_revision = previous()
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
