"""make budget currency required

Step 3 of 3: after the backfill, currency is NOT NULL with a default and must be an ISO code.

Revision ID: 3d363ddf5e6f
Revises: 8386ca262547
Create Date: 2024-04-23 13:04:55.127688

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision: str = "3d363ddf5e6f"
down_revision: Union[str, Sequence[str], None] = "8386ca262547"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    # Every row has a currency since 8386ca262547. SET NOT NULL would read the whole table under
    # ACCESS EXCLUSIVE; a validated CHECK (currency IS NOT NULL) lets PostgreSQL skip that scan, and
    # VALIDATE reads the rows under SHARE UPDATE EXCLUSIVE, which blocks neither reads nor writes.
    op.alter_column("budgets", "currency", existing_type=sa.CHAR(length=3), server_default="EUR")
    op.create_check_constraint(
        "ck_budgets_currency_not_null",
        "budgets",
        "currency IS NOT NULL",
        postgresql_not_valid=True,
    )
    op.create_check_constraint(
        "ck_budgets_currency_iso",
        "budgets",
        "currency ~ '^[A-Z]{3}$'",
        postgresql_not_valid=True,
    )
    with op.get_context().autocommit_block():
        op.execute("ALTER TABLE budgets VALIDATE CONSTRAINT ck_budgets_currency_not_null")
        op.execute("ALTER TABLE budgets VALIDATE CONSTRAINT ck_budgets_currency_iso")
        op.alter_column("budgets", "currency", existing_type=sa.CHAR(length=3), nullable=False)
        op.drop_constraint("ck_budgets_currency_not_null", "budgets", type_="check")


def downgrade() -> None:
    with op.batch_alter_table("budgets") as batch_op:
        batch_op.drop_constraint("ck_budgets_currency_iso", type_="check")
        batch_op.alter_column(
            "currency",
            existing_type=sa.CHAR(length=3),
            nullable=True,
            server_default=None,
        )
