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
    with op.batch_alter_table("budgets") as batch_op:
        batch_op.alter_column(
            "currency",
            existing_type=sa.CHAR(length=3),
            nullable=False,
            server_default="EUR",
        )
        batch_op.create_check_constraint(
            "ck_budgets_currency_iso",
            "currency ~ '^[A-Z]{3}$'",
        )


def downgrade() -> None:
    with op.batch_alter_table("budgets") as batch_op:
        batch_op.drop_constraint("ck_budgets_currency_iso", type_="check")
        batch_op.alter_column(
            "currency",
            existing_type=sa.CHAR(length=3),
            nullable=True,
            server_default=None,
        )
