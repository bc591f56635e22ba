"""add currency to budgets

Step 1 of 3 (add nullable, backfill, then NOT NULL) so that no step rewrites or locks
budgets for long.

Revision ID: 4aafba9c0adc
Revises: 01cb4ec868bf
Create Date: 2024-04-16 10:12:48.663305

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision: str = "4aafba9c0adc"
down_revision: Union[str, Sequence[str], None] = "01cb4ec868bf"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.add_column("budgets", sa.Column("currency", sa.CHAR(length=3), nullable=True))


def downgrade() -> None:
    op.drop_column("budgets", "currency")
