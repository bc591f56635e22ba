from alembic import op
import sqlalchemy as sa
from sqlalchemy import text

revision = "aa"
down_revision = "a9"

BACKFILL = """
    UPDATE accounts
       SET currency = 'EUR'
     WHERE currency IS NULL
"""


def upgrade():
    op.execute("CREATE INDEX CONCURRENTLY ix_tx_date ON transactions (booked_at)")
    op.execute(sa.text(BACKFILL))
    op.execute(text("DELETE FROM sessions"))
    op.execute("TRUNCATE TABLE audit_log")
    op.execute(
        "ALTER TABLE users DROP COLUMN fax; "
        "ALTER TABLE users DROP CONSTRAINT users_fax_key"
    )
    op.execute(sa.text("drop table if exists import_tmp cascade"))
    op.execute("/* trigger */ DROP TRIGGER IF EXISTS t_audit ON users")
    op.execute("-- nothing but a comment")
