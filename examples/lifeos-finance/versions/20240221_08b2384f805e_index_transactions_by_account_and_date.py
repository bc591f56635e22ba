"""index transactions by account and date

The account page lists transactions newest first; on the production table (40M rows) the
sequential scan takes seconds. The indexes are built CONCURRENTLY so that writes to
transactions are not blocked while they build, which needs to run outside the migration's
transaction (autocommit_block).

Revision ID: 08b2384f805e
Revises: d12024a09eb0
Create Date: 2024-02-21 13:18:44.260739

"""
from typing import Sequence, Union

from alembic import op


# revision identifiers, used by Alembic.
revision: str = "08b2384f805e"
down_revision: Union[str, Sequence[str], None] = "d12024a09eb0"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    with op.get_context().autocommit_block():
        # migration-guard: ignore[MG121] -- runbook drops INVALID indexes before retrying (FIN-311)
        op.create_index(
            "ix_transactions_account_id_booked_on",
            "transactions",
            ["account_id", "booked_on"],
            postgresql_concurrently=True,
        )
        # migration-guard: ignore[MG121] -- runbook drops INVALID indexes before retrying (FIN-311)
        op.create_index(
            "ix_transactions_category_id",
            "transactions",
            ["category_id"],
            postgresql_concurrently=True,
            postgresql_where="category_id IS NOT NULL",
        )


def downgrade() -> None:
    with op.get_context().autocommit_block():
        op.drop_index(
            "ix_transactions_category_id",
            table_name="transactions",
            postgresql_concurrently=True,
        )
        op.drop_index(
            "ix_transactions_account_id_booked_on",
            table_name="transactions",
            postgresql_concurrently=True,
        )
