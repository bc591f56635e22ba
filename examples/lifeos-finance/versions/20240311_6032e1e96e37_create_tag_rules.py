"""create tag rules

Auto-tagging: when an imported transaction's counterparty matches a rule's pattern, the
rule's tag is applied. Rules are tried in ascending priority.

Revision ID: 6032e1e96e37
Revises: 10220e1b60c2
Create Date: 2024-03-11 15:47:30.218864

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision: str = "6032e1e96e37"
down_revision: Union[str, Sequence[str], None] = "10220e1b60c2"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.create_table(
        "tag_rules",
        sa.Column("id", sa.BigInteger(), nullable=False),
        sa.Column("tag_id", sa.BigInteger(), nullable=False),
        sa.Column("counterparty_pattern", sa.String(length=200), nullable=False),
        sa.Column("priority", sa.SmallInteger(), server_default="100", nullable=False),
        sa.Column("is_enabled", sa.Boolean(), server_default=sa.true(), nullable=False),
        sa.ForeignKeyConstraint(
            ["tag_id"],
            ["tags.id"],
            name="fk_tag_rules_tag_id_tags",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_tag_rules"),
        sa.CheckConstraint(
            "length(counterparty_pattern) > 0",
            name="ck_tag_rules_pattern_not_empty",
        ),
    )
    op.create_index("ix_tag_rules_tag_id", "tag_rules", ["tag_id"])


def downgrade() -> None:
    op.drop_index("ix_tag_rules_tag_id", table_name="tag_rules")
    op.drop_table("tag_rules")
