revision = "f1"
down_revision = "e1"


def upgrade(op, tables, tester):
    op.drop_column("sessions", "ip")


def upgrade_reporting():
    op.drop_column("report_cache", "payload")
