"""add default currency to users

New accounts and budgets take the user's default currency.

Revision ID: 22048a6c2c84
Revises: cb5bce6b47c0
Create Date: 2024-01-30 10:05:12.774019

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision: str = "22048a6c2c84"
down_revision: Union[str, Sequence[str], None] = "cb5bce6b47c0"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.add_column(
        "users",
        sa.Column("default_currency", sa.CHAR(length=3), server_default="EUR", nullable=False),
    )
    # NOT VALID: new rows are checked at once; existing ones by VALIDATE below, which
    # runs after this revision's transaction commits and holds only SHARE UPDATE EXCLUSIVE.
    op.create_check_constraint(
        "ck_users_default_currency_iso",
        "users",
        "default_currency ~ '^[A-Z]{3}$'",
        postgresql_not_valid=True,
    )
    with op.get_context().autocommit_block():
        op.execute("ALTER TABLE users VALIDATE CONSTRAINT ck_users_default_currency_iso")


def downgrade() -> None:
    op.drop_constraint("ck_users_default_currency_iso", "users", type_="check")
    op.drop_column("users", "default_currency")
