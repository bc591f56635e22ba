"""add external id to transactions

Bank imports (CAMT.053, OFX) carry the bank's own transaction id; storing it lets a
re-import skip the transactions it already booked.

Revision ID: 621f5d5a2a5f
Revises: d4ba40fe6b56
Create Date: 2024-06-10 10:26:44.815330

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision: str = "621f5d5a2a5f"
down_revision: Union[str, Sequence[str], None] = "d4ba40fe6b56"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.add_column("transactions", sa.Column("external_id", sa.String(length=64), nullable=True))
    # A unique constraint added directly builds its index under ACCESS EXCLUSIVE. Build the index
    # concurrently after this revision's transaction commits, then make it the constraint (instant).
    with op.get_context().autocommit_block():
        op.execute(
            "CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS uq_transactions_account_id_external_id "
            "ON transactions (account_id, external_id)"
        )
        op.execute(
            "ALTER TABLE transactions ADD CONSTRAINT uq_transactions_account_id_external_id "
            "UNIQUE USING INDEX uq_transactions_account_id_external_id"
        )


def downgrade() -> None:
    op.drop_constraint("uq_transactions_account_id_external_id", "transactions", type_="unique")
    op.drop_column("transactions", "external_id")
