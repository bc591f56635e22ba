"""create transactions

Revision ID: cb5bce6b47c0
Revises: 7da08129a46e
Create Date: 2024-01-22 14:27:51.006342

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision: str = "cb5bce6b47c0"
down_revision: Union[str, Sequence[str], None] = "7da08129a46e"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.create_table(
        "transactions",
        sa.Column("id", sa.BigInteger(), nullable=False),
        sa.Column("account_id", sa.BigInteger(), nullable=False),
        sa.Column("category_id", sa.BigInteger(), nullable=True),
        sa.Column("booked_on", sa.Date(), server_default=sa.text("CURRENT_DATE"), nullable=False),
        sa.Column("amount", sa.Numeric(14, 2), nullable=False),
        sa.Column("description", sa.Text(), server_default="", nullable=False),
        sa.Column("counterparty", sa.String(length=200), nullable=True),
        sa.Column("is_cleared", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["accounts.id"],
            name="fk_transactions_account_id_accounts",
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["category_id"],
            ["categories.id"],
            name="fk_transactions_category_id_categories",
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_transactions"),
        sa.CheckConstraint("amount <> 0", name="ck_transactions_amount_nonzero"),
    )


def downgrade() -> None:
    op.drop_table("transactions")
