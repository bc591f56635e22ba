"""Revision b2"""
from alembic import op
import sqlalchemy as sa

revision = 'b2'
down_revision = 'a1'
branch_labels = None
depends_on = None


def upgrade():
    op.add_column('accounts', sa.Column('note', sa.Text()))


def downgrade():
    pass
