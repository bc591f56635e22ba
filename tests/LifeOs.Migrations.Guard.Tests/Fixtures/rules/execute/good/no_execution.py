"""op.execute("DROP TABLE users") appears only in this docstring."""
from alembic import op
import sqlalchemy as sa

revision = "ae"
down_revision = "ad"


def upgrade():
    # op.execute("DROP TABLE users")
    op.add_column(
        "users",
        sa.Column("created_at", sa.DateTime(), server_default=sa.text("now()"), nullable=False),
    )
    query = sa.text("SELECT 1")
    executor.execute("DROP TABLE users")  # not a connection, not op


def downgrade():
    op.drop_column("users", "created_at")
