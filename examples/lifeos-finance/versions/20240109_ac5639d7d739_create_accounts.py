"""create accounts

Revision ID: ac5639d7d739
Revises: 938532adb7ce
Create Date: 2024-01-09 16:02:47.905113

"""
from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql


# revision identifiers, used by Alembic.
revision = "ac5639d7d739"
down_revision = "938532adb7ce"
branch_labels = None
depends_on = None

account_type = postgresql.ENUM(
    "checking",
    "savings",
    "credit_card",
    "cash",
    "investment",
    "loan",
    name="account_type",
    create_type=False,
)


def upgrade():
    account_type.create(op.get_bind(), checkfirst=False)
    op.create_table(
        "accounts",
        sa.Column("id", sa.BigInteger(), nullable=False),
        sa.Column("user_id", sa.BigInteger(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("type", account_type, nullable=False),
        sa.Column("currency", sa.CHAR(length=3), server_default="EUR", nullable=False),
        sa.Column("opening_balance", sa.Numeric(14, 2), server_default="0", nullable=False),
        sa.Column("is_archived", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name="fk_accounts_user_id_users",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_accounts"),
        sa.CheckConstraint("currency ~ '^[A-Z]{3}$'", name="ck_accounts_currency_iso"),
    )
    op.create_index("ix_accounts_user_id", "accounts", ["user_id"])


def downgrade():
    op.drop_index("ix_accounts_user_id", table_name="accounts")
    op.drop_table("accounts")
    account_type.drop(op.get_bind(), checkfirst=False)
