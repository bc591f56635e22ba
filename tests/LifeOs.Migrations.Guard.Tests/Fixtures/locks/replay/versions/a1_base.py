"""base: two tables"""
import sqlalchemy as sa
from alembic import op

revision = "a1a1a1a1a1a1"
down_revision = None


def upgrade():
    op.create_table(
        "accounts",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("balance", sa.Numeric(12, 2), nullable=False),
        sa.Column("name", sa.String(50)),
    )
    op.create_table("ledger", sa.Column("id", sa.Integer(), primary_key=True), sa.Column("memo", sa.Text()))


def downgrade():
    op.drop_table("ledger")
    op.drop_table("accounts")
