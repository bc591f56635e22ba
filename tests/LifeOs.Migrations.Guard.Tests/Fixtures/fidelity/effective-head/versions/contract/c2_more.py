revision = "c2c2c2c2c2c2"
down_revision = "c1c1c1c1c1c1"
depends_on = ("e2e2e2e2e2e2",)


def upgrade():
    pass
