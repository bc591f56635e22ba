"""validate in the next revision, which commits on its own

Revision ID: b2
Revises: a1
"""
from alembic import op
import sqlalchemy as sa

revision = "b2"
down_revision = 'a1'


def upgrade():
    op.execute("ALTER TABLE accounts VALIDATE CONSTRAINT ck_accounts_balance")


def downgrade():
    pass
