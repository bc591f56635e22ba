"""a typo in SQL"""
from alembic import op
import sqlalchemy as sa

revision = "c3_broken"
down_revision = 'b2_accounts'
branch_labels = None
depends_on = None


def upgrade():
    op.execute(sa.text("ALTER TABLE accounts ADD COLUMN broken integr"))


def downgrade():
    op.execute(sa.text("ALTER TABLE accounts DROP COLUMN broken"))
