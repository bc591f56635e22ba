"""create user settings

Per-user preferences move out of users into their own table. default_currency is copied
from users.default_currency here; the old column is dropped in 32ae878b6b67 once the
application reads user_settings only.

Revision ID: a41512d3f3e1
Revises: 3d363ddf5e6f
Create Date: 2024-05-06 11:21:09.358842

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision: str = "a41512d3f3e1"
down_revision: Union[str, Sequence[str], None] = "3d363ddf5e6f"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.create_table(
        "user_settings",
        sa.Column("user_id", sa.BigInteger(), nullable=False),
        sa.Column("default_currency", sa.CHAR(length=3), server_default="EUR", nullable=False),
        sa.Column("locale", sa.String(length=35), server_default="en-GB", nullable=False),
        sa.Column("week_starts_on", sa.SmallInteger(), server_default="1", nullable=False),
        sa.Column(
            "updated_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name="fk_user_settings_user_id_users",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("user_id", name="pk_user_settings"),
        sa.CheckConstraint(
            "default_currency ~ '^[A-Z]{3}$'",
            name="ck_user_settings_default_currency_iso",
        ),
        sa.CheckConstraint(
            "week_starts_on BETWEEN 1 AND 7",
            name="ck_user_settings_week_starts_on_range",
        ),
    )
    # Backfill: one settings row per existing user, carrying the user's current currency.
    op.execute(
        sa.text(
            """
            INSERT INTO user_settings (user_id, default_currency)
            SELECT u.id, u.default_currency
              FROM users u
             WHERE NOT EXISTS (SELECT 1 FROM user_settings s WHERE s.user_id = u.id)
            """
        )
    )


def downgrade() -> None:
    op.drop_table("user_settings")
