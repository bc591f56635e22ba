revision = "e1e1e1e1e1e1"
down_revision = None
branch_labels = ("expand",)
depends_on = ("kilo",)


def upgrade():
    pass
