"""add tag spending view

Needs tags and transaction_tags, which the tags work (10220e1b60c2) creates on the other
branch; hence depends_on.

Revision ID: 94c3f968257f
Revises: 5476a60564a2
Create Date: 2024-03-13 11:36:21.905387

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision: str = "94c3f968257f"
down_revision: Union[str, Sequence[str], None] = "5476a60564a2"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = "10220e1b60c2"


def upgrade() -> None:
    op.execute(
        sa.text(
            """
            CREATE VIEW tag_spending AS
            SELECT tg.user_id,
                   tg.id AS tag_id,
                   tg.name AS tag_name,
                   a.currency,
                   sum(t.amount) AS total,
                   min(t.booked_on) AS first_booked_on,
                   max(t.booked_on) AS last_booked_on
              FROM tags tg
              JOIN transaction_tags tt ON tt.tag_id = tg.id
              JOIN transactions t ON t.id = tt.transaction_id
              JOIN accounts a ON a.id = t.account_id
             GROUP BY tg.user_id, tg.id, tg.name, a.currency
            """
        )
    )


def downgrade() -> None:
    op.execute(sa.text("DROP VIEW tag_spending"))
