"""batch_alter_table(recreate='always') copies the table

Revision ID: a1b2c3d4e5f6
Revises: 
"""
from alembic import op
import sqlalchemy as sa

revision = "a1b2c3d4e5f6"
down_revision = None


def upgrade():
    with op.batch_alter_table("import_staging", recreate="always") as batch_op:
        batch_op.add_column(sa.Column("note", sa.Text()))


def downgrade():
    pass
