"""eight hazards in one revision

Revision ID: b2
Revises: a1
"""
from alembic import op
import sqlalchemy as sa

revision = "b2"
down_revision = "a1"


def upgrade():
    op.create_index("ix_transactions_booked_on", "transactions", ["booked_on"])
    op.add_column("accounts", sa.Column("currency", sa.CHAR(3), nullable=False))
    op.alter_column("transactions", "amount", type_=sa.BigInteger(), existing_type=sa.Integer())
    op.alter_column("accounts", "email", existing_type=sa.Text(), nullable=False)
    op.create_foreign_key("fk_transactions_account_id", "transactions", "accounts", ["account_id"], ["id"])
    op.rename_table("ledgers", "ledger_books")
    sa.Table("import_staging", sa.MetaData()).drop(op.get_bind())
    op.execute("CREATE INDEX ix_accounts_email ON accounts (email)")


def downgrade():
    pass
