"""backfill budget currency

Step 2 of 3: every existing budget takes its owner's default currency.

Revision ID: 8386ca262547
Revises: 4aafba9c0adc
Create Date: 2024-04-17 08:30:26.914470

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision: str = "8386ca262547"
down_revision: Union[str, Sequence[str], None] = "4aafba9c0adc"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.execute(
        sa.text(
            """
            UPDATE budgets
               SET currency = users.default_currency
              FROM users
             WHERE users.id = budgets.user_id
               AND budgets.currency IS NULL
            """
        )
    )


def downgrade() -> None:
    # Nothing to undo in the schema. The backfilled values are valid at the previous revision
    # as well (the column exists there, nullable), so they are deliberately kept.
    pass
