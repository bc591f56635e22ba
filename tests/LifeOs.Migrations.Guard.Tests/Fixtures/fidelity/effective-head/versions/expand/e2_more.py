revision = "e2e2e2e2e2e2"
down_revision = "e1e1e1e1e1e1"


def upgrade():
    pass
