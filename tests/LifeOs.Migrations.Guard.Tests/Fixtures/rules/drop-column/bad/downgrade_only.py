from alembic import op
import sqlalchemy as sa

revision = "e1"
down_revision = "d1"


def upgrade():
    op.add_column("users", sa.Column("timezone", sa.String(64), nullable=True))


def downgrade():
    op.drop_column("users", "timezone")
