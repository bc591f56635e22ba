"""create budgets

A budget caps the spending of one category over a period (month, quarter or year).

Revision ID: 2971aa4cc586
Revises: 22048a6c2c84
Create Date: 2024-02-07 08:51:36.129847

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision: str = "2971aa4cc586"
down_revision: Union[str, Sequence[str], None] = "22048a6c2c84"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.create_table(
        "budgets",
        sa.Column("id", sa.BigInteger(), nullable=False),
        sa.Column("user_id", sa.BigInteger(), nullable=False),
        sa.Column("category_id", sa.BigInteger(), nullable=False),
        sa.Column(
            "period",
            sa.Enum("monthly", "quarterly", "yearly", name="budget_period"),
            server_default="monthly",
            nullable=False,
        ),
        sa.Column("starts_on", sa.Date(), nullable=False),
        sa.Column("limit_amount", sa.Numeric(14, 2), nullable=False),
        sa.Column("rollover", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name="fk_budgets_user_id_users",
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["category_id"],
            ["categories.id"],
            name="fk_budgets_category_id_categories",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_budgets"),
        sa.UniqueConstraint(
            "user_id",
            "category_id",
            "period",
            "starts_on",
            name="uq_budgets_user_category_period_start",
        ),
        sa.CheckConstraint("limit_amount > 0", name="ck_budgets_limit_positive"),
    )


def downgrade() -> None:
    op.drop_table("budgets")
    sa.Enum(name="budget_period").drop(op.get_bind(), checkfirst=False)
