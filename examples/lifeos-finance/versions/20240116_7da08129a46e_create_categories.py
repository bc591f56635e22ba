"""create categories

Categories belong to a user and may be nested one level (e.g. "Food" > "Groceries").

Revision ID: 7da08129a46e
Revises: ac5639d7d739
Create Date: 2024-01-16 11:40:03.551870

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "7da08129a46e"
down_revision = "ac5639d7d739"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "categories",
        sa.Column("id", sa.BigInteger(), nullable=False),
        sa.Column("user_id", sa.BigInteger(), nullable=False),
        sa.Column("parent_id", sa.BigInteger(), nullable=True),
        sa.Column("name", sa.String(length=80), nullable=False),
        sa.Column("is_income", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name="fk_categories_user_id_users",
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["parent_id"],
            ["categories.id"],
            name="fk_categories_parent_id_categories",
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_categories"),
        sa.UniqueConstraint("user_id", "parent_id", "name", name="uq_categories_user_parent_name"),
        sa.CheckConstraint(
            "parent_id IS NULL OR parent_id <> id",
            name="ck_categories_not_own_parent",
        ),
    )


def downgrade():
    op.drop_table("categories")
