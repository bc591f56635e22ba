"""existing_type missing, batch auto, a new table, autocommit"""
import sqlalchemy as sa
from alembic import op

revision = "b2b2b2b2b2b2"
down_revision = "a1a1a1a1a1a1"


def upgrade():
    # No existing_type: the replay knows accounts.id is int4, so int4 -> int8 rewrites.
    op.alter_column("accounts", "id", type_=sa.BigInteger())
    # Batch mode on PostgreSQL: plain ALTERs on the batch's table.
    with op.batch_alter_table("ledger") as batch_op:
        batch_op.add_column(sa.Column("posted", sa.Boolean(), nullable=True))
        batch_op.alter_column("memo", new_column_name="note")
    # A table created in this transaction: its index scans nothing anyone waits for.
    op.create_table("tags", sa.Column("id", sa.Integer(), primary_key=True), sa.Column("name", sa.String(40)))
    op.create_index("ix_tags_name", "tags", ["name"])
    with op.get_context().autocommit_block():
        op.create_index("ix_accounts_name", "accounts", ["name"], postgresql_concurrently=True)


def downgrade():
    pass
