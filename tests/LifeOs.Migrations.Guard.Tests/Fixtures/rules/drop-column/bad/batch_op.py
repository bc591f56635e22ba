from alembic import op

revision = "b1"
down_revision = "a1"


def upgrade() -> None:
    with op.batch_alter_table("accounts", schema=None) as batch_op:
        batch_op.add_column(sa.Column("iban", sa.String(34)))
        batch_op.drop_column("bank_code")
    with op.batch_alter_table(table_name="ledger") as b, op.get_context().autocommit_block():
        b.drop_column(column_name="memo")
