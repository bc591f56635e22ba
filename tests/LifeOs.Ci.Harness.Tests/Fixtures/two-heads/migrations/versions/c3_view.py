"""branch two: a view"""
from alembic import op
import sqlalchemy as sa

revision = "c3_view"
down_revision = 'b2_accounts'
branch_labels = None
depends_on = None


def upgrade():
    op.execute(sa.text("CREATE VIEW active_users AS SELECT id, email FROM users WHERE status = 'active'"))


def downgrade():
    op.execute(sa.text("DROP VIEW active_users"))
