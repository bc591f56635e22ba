"""add updated_at to accounts and budgets

The sync API asks for "everything changed since T"; a trigger keeps updated_at current
whatever client writes the row.

Revision ID: d4ba40fe6b56
Revises: 32ae878b6b67
Create Date: 2024-05-27 15:42:18.209573

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision: str = "d4ba40fe6b56"
down_revision: Union[str, Sequence[str], None] = "32ae878b6b67"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    for table_name in ("accounts", "budgets"):
        op.add_column(
            table_name,
            sa.Column(
                "updated_at",
                sa.DateTime(timezone=True),
                server_default=sa.text("now()"),
                nullable=False,
            ),
        )

    op.execute(
        sa.text(
            """
            CREATE FUNCTION set_updated_at() RETURNS trigger
            LANGUAGE plpgsql AS $$
            BEGIN
                NEW.updated_at := now();
                RETURN NEW;
            END;
            $$
            """
        )
    )
    op.execute(
        sa.text(
            "CREATE TRIGGER trg_accounts_updated_at BEFORE UPDATE ON accounts "
            "FOR EACH ROW EXECUTE FUNCTION set_updated_at()"
        )
    )
    op.execute(
        sa.text(
            "CREATE TRIGGER trg_budgets_updated_at BEFORE UPDATE ON budgets "
            "FOR EACH ROW EXECUTE FUNCTION set_updated_at()"
        )
    )


def downgrade() -> None:
    op.execute(sa.text("DROP TRIGGER trg_budgets_updated_at ON budgets"))
    op.execute(sa.text("DROP TRIGGER trg_accounts_updated_at ON accounts"))
    op.execute(sa.text("DROP FUNCTION set_updated_at()"))
    for table_name in ("budgets", "accounts"):
        op.drop_column(table_name, "updated_at")
