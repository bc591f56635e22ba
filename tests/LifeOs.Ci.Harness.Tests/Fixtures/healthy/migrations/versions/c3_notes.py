"""branch one: notes column"""
from alembic import op
import sqlalchemy as sa

revision = "c3_notes"
down_revision = 'b2_accounts'
branch_labels = None
depends_on = None


def upgrade():
    op.add_column("accounts", sa.Column("notes", sa.Text))


def downgrade():
    op.drop_column("accounts", "notes")
