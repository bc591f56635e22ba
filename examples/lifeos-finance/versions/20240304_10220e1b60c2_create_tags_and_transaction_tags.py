"""create tags and transaction_tags

Free-form labels ("holiday-2024", "tax-deductible") that cut across categories, and the
many-to-many link between transactions and tags.

Revision ID: 10220e1b60c2
Revises: 08b2384f805e
Create Date: 2024-03-04 10:22:17.693051

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision: str = "10220e1b60c2"
down_revision: Union[str, Sequence[str], None] = "08b2384f805e"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.create_table(
        "tags",
        sa.Column("id", sa.BigInteger(), nullable=False),
        sa.Column("user_id", sa.BigInteger(), nullable=False),
        sa.Column("name", sa.String(length=50), nullable=False),
        sa.Column("color", sa.CHAR(length=7), server_default="#9e9e9e", nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name="fk_tags_user_id_users",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_tags"),
        sa.UniqueConstraint("user_id", "name", name="uq_tags_user_id_name"),
        sa.CheckConstraint("color ~ '^#[0-9a-f]{6}$'", name="ck_tags_color_hex"),
    )
    op.create_table(
        "transaction_tags",
        sa.Column("transaction_id", sa.BigInteger(), nullable=False),
        sa.Column("tag_id", sa.BigInteger(), nullable=False),
        sa.Column(
            "tagged_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["transaction_id"],
            ["transactions.id"],
            name="fk_transaction_tags_transaction_id_transactions",
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["tag_id"],
            ["tags.id"],
            name="fk_transaction_tags_tag_id_tags",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("transaction_id", "tag_id", name="pk_transaction_tags"),
    )
    # The primary key serves lookups by transaction; this one serves "all transactions of a tag".
    op.create_index("ix_transaction_tags_tag_id", "transaction_tags", ["tag_id"])


def downgrade() -> None:
    op.drop_index("ix_transaction_tags_tag_id", table_name="transaction_tags")
    op.drop_table("transaction_tags")
    op.drop_table("tags")
