from alembic import op as o
from alembic.op import drop_column as dc

revision: str = "c1"
down_revision: str = "b1"
TABLE = "budgets"


def upgrade() -> None:
    o.drop_column(table_name=TABLE, column_name="rollover", schema="finance")
    dc("budgets", "notes")
