from alembic import op
import sqlalchemy as sa

revision = "ad"
down_revision = "ac"
accounts = sa.table("accounts", sa.column("id"), sa.column("closed"))


def upgrade():
    for table in ("a", "b"):
        op.execute(f"DELETE FROM {table}")
        op.execute("UPDATE %s SET x = 1" % table)
        op.execute("UPDATE {} SET x = 1".format(table))
        op.execute("DELETE FROM " + table)
    op.execute(statement)
    op.execute(accounts.delete())
    op.execute(accounts.update().where(accounts.c.id == 1).values(closed=True))
    op.execute(sa.select(accounts))


def downgrade():
    op.execute("DROP TABLE accounts_archive")
