from alembic import op

revision = "7f"
down_revision = "6e"


def upgrade():
    for name in TABLES:
        op.drop_table(name)
    op.drop_table(f"tmp_{suffix}")
