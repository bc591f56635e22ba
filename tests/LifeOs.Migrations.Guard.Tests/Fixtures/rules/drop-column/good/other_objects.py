import pandas as pd
from alembic import op

revision = "i1"
down_revision = "h1"


def upgrade():
    frame = pd.DataFrame()
    frame.drop_column("x")
    helper.drop_column("users", "x")
    op.add_column("users", sa.Column("y", sa.Integer()))


def downgrade():
    pass
