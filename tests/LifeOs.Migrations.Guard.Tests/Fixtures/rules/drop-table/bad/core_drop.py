"""SQLAlchemy Core's Table.drop

Revision ID: a1b2c3d4e5f6
Revises: 
"""
from alembic import op
import sqlalchemy as sa

revision = "a1b2c3d4e5f6"
down_revision = None


def upgrade():
    staging = sa.Table("import_staging", sa.MetaData(), sa.Column("id", sa.Integer()))
    staging.drop(op.get_bind())


def downgrade():
    pass
