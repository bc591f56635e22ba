"""a validated CHECK (col IS NOT NULL) lets PostgreSQL 12+ skip the scan

Revision ID: a1b2c3d4e5f6
Revises: 
"""
from alembic import op
import sqlalchemy as sa

revision = "a1b2c3d4e5f6"
down_revision = None


def upgrade():
    op.create_check_constraint("ck_accounts_email_not_null", "accounts", "email IS NOT NULL", postgresql_not_valid=True)
    with op.get_context().autocommit_block():
        op.execute("ALTER TABLE accounts VALIDATE CONSTRAINT ck_accounts_email_not_null")
        op.alter_column("accounts", "email", existing_type=sa.Text(), nullable=False)
        op.drop_constraint("ck_accounts_email_not_null", "accounts", type_="check")


def downgrade():
    pass
