import alembic.op as migrate
import sqlalchemy as sa

revision = "6e"
down_revision = "5d"


def upgrade():
    migrate.create_table("tags", sa.Column("id", sa.Integer(), primary_key=True))


def downgrade():
    migrate.drop_table("tags")
