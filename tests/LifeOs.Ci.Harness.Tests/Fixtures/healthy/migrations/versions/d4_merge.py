"""merge the two branches"""
from alembic import op
import sqlalchemy as sa

revision = "d4_merge"
down_revision = ('c3_notes', 'c3_view')
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
