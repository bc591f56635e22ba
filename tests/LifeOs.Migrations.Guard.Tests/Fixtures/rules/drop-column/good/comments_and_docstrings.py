"""Stop using users.legacy_name.

The column will be dropped later: op.drop_column("users", "legacy_name")
once no code reads it.
"""
from alembic import op
import sqlalchemy as sa

revision = "h1"
down_revision = "g1"


def upgrade():
    # op.drop_column("users", "legacy_name")  -- not yet, see FIN-500
    op.alter_column("users", "legacy_name", existing_type=sa.Text(), nullable=True)
    note = "op.drop_column('users', 'x') is only text here"


def downgrade():
    op.alter_column("users", "legacy_name", existing_type=sa.Text(), nullable=False)
