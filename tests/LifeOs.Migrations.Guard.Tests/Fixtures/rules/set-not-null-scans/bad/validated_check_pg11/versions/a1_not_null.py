"""before PostgreSQL 12 SET NOT NULL scans even with a validated IS NOT NULL check

Revision ID: a1
Revises: 
"""
from alembic import op
import sqlalchemy as sa

revision = "a1"
down_revision = None


def upgrade():
    op.create_check_constraint("ck_accounts_email_not_null", "accounts", "email IS NOT NULL", postgresql_not_valid=True)
    with op.get_context().autocommit_block():
        op.execute("ALTER TABLE accounts VALIDATE CONSTRAINT ck_accounts_email_not_null")
        op.alter_column("accounts", "email", existing_type=sa.Text(), nullable=False)


def downgrade():
    pass
