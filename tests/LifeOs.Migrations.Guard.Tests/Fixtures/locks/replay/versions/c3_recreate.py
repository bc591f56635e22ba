"""SET LOCAL lock_timeout, batch recreate always, multi-statement SQL"""
import sqlalchemy as sa
from alembic import op

revision = "c3c3c3c3c3c3"
down_revision = "b2b2b2b2b2b2"


def upgrade():
    op.execute("SET LOCAL lock_timeout = '5s'")
    with op.batch_alter_table("ledger", recreate="always") as batch_op:
        batch_op.drop_column("posted")
    op.execute(
        """
        -- a comment, then two statements
        UPDATE accounts SET name = 'n/a' WHERE name IS NULL;
        ALTER TABLE accounts ALTER COLUMN name SET NOT NULL;
        """
    )


def downgrade():
    pass
