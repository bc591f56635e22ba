from alembic import op


class Helper:
    revision = "not this one"


def upgrade():
    pass


def downgrade():
    pass


revision = "3b3b3b3b3b3b"
down_revision = ("1f2e3d4c5b6a",)
