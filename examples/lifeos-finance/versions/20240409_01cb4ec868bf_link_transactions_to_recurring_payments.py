"""link transactions to recurring payments

Transactions booked by the scheduler point back at their recurring payment.

Revision ID: 01cb4ec868bf
Revises: 0098c006f76a
Create Date: 2024-04-09 14:55:40.081936

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision: str = "01cb4ec868bf"
down_revision: Union[str, Sequence[str], None] = "0098c006f76a"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.add_column(
        "transactions",
        sa.Column("recurring_payment_id", sa.BigInteger(), nullable=True),
    )
    op.create_foreign_key(
        "fk_transactions_recurring_payment_id_recurring_payments",
        "transactions",
        "recurring_payments",
        ["recurring_payment_id"],
        ["id"],
        ondelete="SET NULL",
        postgresql_not_valid=True,
    )
    # Outside the migration's transaction: VALIDATE only takes SHARE UPDATE EXCLUSIVE, and the
    # index is built without blocking writes.
    with op.get_context().autocommit_block():
        op.execute(
            sa.text(
                "ALTER TABLE transactions VALIDATE CONSTRAINT "
                "fk_transactions_recurring_payment_id_recurring_payments"
            )
        )
        # migration-guard: ignore[MG121] -- runbook drops INVALID indexes before retrying (FIN-311)
        op.create_index(
            "ix_transactions_recurring_payment_id",
            "transactions",
            ["recurring_payment_id"],
            postgresql_concurrently=True,
            postgresql_where=sa.text("recurring_payment_id IS NOT NULL"),
        )


def downgrade() -> None:
    with op.get_context().autocommit_block():
        op.drop_index(
            "ix_transactions_recurring_payment_id",
            table_name="transactions",
            postgresql_concurrently=True,
        )
    op.drop_constraint(
        "fk_transactions_recurring_payment_id_recurring_payments",
        "transactions",
        type_="foreignkey",
    )
    op.drop_column("transactions", "recurring_payment_id")
