"""drop users.default_currency

The application reads the default currency from user_settings since release 2024.05.2;
users.default_currency has had no reader since then.

Revision ID: 32ae878b6b67
Revises: a41512d3f3e1
Create Date: 2024-05-13 09:57:31.640125

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision: str = "32ae878b6b67"
down_revision: Union[str, Sequence[str], None] = "a41512d3f3e1"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    # Replaced by user_settings.default_currency; the backfill in a41512d3f3e1 copied the data.
    # PostgreSQL drops ck_users_default_currency_iso together with the column.
    # Reviewed and approved by the DB team (ticket FIN-123).
    # migration-guard: ignore[drop-column] -- data copied to user_settings by a41512d3f3e1; FIN-123
    op.drop_column("users", "default_currency")


def downgrade() -> None:
    op.add_column(
        "users",
        sa.Column("default_currency", sa.CHAR(length=3), server_default="EUR", nullable=False),
    )
    op.execute(
        sa.text(
            """
            UPDATE users
               SET default_currency = s.default_currency
              FROM user_settings s
             WHERE s.user_id = users.id
            """
        )
    )
    op.create_check_constraint(
        "ck_users_default_currency_iso",
        "users",
        "default_currency ~ '^[A-Z]{3}$'",
    )
