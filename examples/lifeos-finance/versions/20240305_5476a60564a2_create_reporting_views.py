"""create reporting views

Starts the "reporting" branch: read-only views for the monthly report and the dashboard,
built by the analytics team alongside the tags work and merged back in b6e41446083f.

Revision ID: 5476a60564a2
Revises: 08b2384f805e
Create Date: 2024-03-05 09:03:58.447120

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision: str = "5476a60564a2"
down_revision: Union[str, Sequence[str], None] = "08b2384f805e"
branch_labels: Union[str, Sequence[str], None] = ("reporting",)
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.execute(
        sa.text(
            """
            CREATE VIEW monthly_category_spending AS
            SELECT a.user_id,
                   date_trunc('month', t.booked_on)::date AS month,
                   t.category_id,
                   a.currency,
                   sum(t.amount) AS total,
                   count(*) AS transaction_count
              FROM transactions t
              JOIN accounts a ON a.id = t.account_id
             WHERE NOT a.is_archived
             GROUP BY a.user_id, date_trunc('month', t.booked_on)::date, t.category_id, a.currency
            """
        )
    )
    op.execute(
        sa.text(
            """
            CREATE VIEW account_balances AS
            SELECT a.id AS account_id,
                   a.user_id,
                   a.currency,
                   a.opening_balance + coalesce(sum(t.amount), 0) AS balance
              FROM accounts a
              LEFT JOIN transactions t ON t.account_id = a.id
             GROUP BY a.id, a.user_id, a.currency, a.opening_balance
            """
        )
    )


def downgrade() -> None:
    op.execute(sa.text("DROP VIEW account_balances"))
    op.execute(sa.text("DROP VIEW monthly_category_spending"))
