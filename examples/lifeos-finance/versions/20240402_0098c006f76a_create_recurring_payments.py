"""create recurring payments

Rent, subscriptions, salaries: a template from which the scheduler books a transaction
when next_due_on is reached.

Revision ID: 0098c006f76a
Revises: b6e41446083f
Create Date: 2024-04-02 09:48:13.570214

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision: str = "0098c006f76a"
down_revision: Union[str, Sequence[str], None] = "b6e41446083f"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

recurrence_frequency = sa.Enum(
    "weekly",
    "biweekly",
    "monthly",
    "quarterly",
    "yearly",
    name="recurrence_frequency",
)


def upgrade() -> None:
    op.create_table(
        "recurring_payments",
        sa.Column("id", sa.BigInteger(), nullable=False),
        sa.Column("account_id", sa.BigInteger(), nullable=False),
        sa.Column("category_id", sa.BigInteger(), nullable=True),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("amount", sa.Numeric(14, 2), nullable=False),
        sa.Column("frequency", recurrence_frequency, nullable=False),
        sa.Column("next_due_on", sa.Date(), nullable=False),
        sa.Column("ends_on", sa.Date(), nullable=True),
        sa.Column("is_active", sa.Boolean(), server_default=sa.true(), nullable=False),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["accounts.id"],
            name="fk_recurring_payments_account_id_accounts",
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["category_id"],
            ["categories.id"],
            name="fk_recurring_payments_category_id_categories",
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_recurring_payments"),
        sa.CheckConstraint("amount <> 0", name="ck_recurring_payments_amount_nonzero"),
        sa.CheckConstraint(
            "ends_on IS NULL OR ends_on >= next_due_on",
            name="ck_recurring_payments_ends_after_due",
        ),
    )
    op.create_index(
        "ix_recurring_payments_next_due_on",
        "recurring_payments",
        ["next_due_on"],
        postgresql_where=sa.text("is_active"),
    )


def downgrade() -> None:
    op.drop_index("ix_recurring_payments_next_due_on", table_name="recurring_payments")
    op.drop_table("recurring_payments")
    recurrence_frequency.drop(op.get_bind(), checkfirst=False)
