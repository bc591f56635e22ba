"""Revision a1"""
from alembic import op
import sqlalchemy as sa

revision = "a1"
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    op.drop_column("accounts", "nickname")


def downgrade():
    pass
