from alembic import op
import sqlalchemy as sa
from sqlalchemy.orm import Session

revision = "ac"
down_revision = "ab"


def upgrade():
    bind = op.get_bind()
    bind.execute(sa.text("UPDATE users SET active = true"))
    op.get_bind().execute("DELETE FROM tokens WHERE expires_at < now()")
    session = Session(bind=bind)
    session.execute(sa.text("SELECT 1"))
    connection = op.get_context().connection
    connection.exec_driver_sql("DROP SCHEMA staging CASCADE")
    with op.batch_alter_table("users") as batch_op:
        batch_op.execute("UPDATE users SET x = 1 WHERE false")
