revision = "c1c1c1c1c1c1"
down_revision = None
branch_labels = ("contract",)
depends_on = "kilo"


def upgrade():
    pass
