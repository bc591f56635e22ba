"""create users with a status enum"""
from alembic import op
import sqlalchemy as sa

revision = "a1_users"
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    status = sa.Enum("active", "closed", name="user_status")
    op.create_table(
        "users",
        sa.Column("id", sa.BigInteger, sa.Identity(), primary_key=True),
        sa.Column("email", sa.String(200), nullable=False),
        sa.Column("status", status, nullable=False, server_default="active"),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
    )
    op.create_index("ux_users_email", "users", ["email"], unique=True)


def downgrade():
    op.drop_index("ux_users_email", table_name="users")
    op.drop_table("users")
    sa.Enum(name="user_status").drop(op.get_bind())
