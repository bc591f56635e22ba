"""Creates tables only; a docstring saying drop_table is not a call."""
from alembic import op
import sqlalchemy as sa

revision = "8a"
down_revision = "7f"


def upgrade():
    op.create_table("payees", sa.Column("id", sa.Integer(), primary_key=True))
    # op.drop_table("payees")
    sa.Table("payees", sa.MetaData()).drop  # attribute access, not an op call


def downgrade():
    pass
