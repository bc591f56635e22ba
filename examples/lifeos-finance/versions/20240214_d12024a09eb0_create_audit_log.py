"""create audit log

Every insert, update and delete on accounts and transactions is recorded in audit_log by a
row-level trigger, so that a user can see who changed what (and support can undo mistakes).

Revision ID: d12024a09eb0
Revises: 2971aa4cc586
Create Date: 2024-02-14 17:33:09.482511

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql


# revision identifiers, used by Alembic.
revision: str = "d12024a09eb0"
down_revision: Union[str, Sequence[str], None] = "2971aa4cc586"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.create_table(
        "audit_log",
        sa.Column("id", sa.BigInteger(), nullable=False),
        sa.Column("table_name", sa.Text(), nullable=False),
        sa.Column("row_id", sa.BigInteger(), nullable=False),
        sa.Column("action", sa.String(length=6), nullable=False),
        sa.Column("old_data", postgresql.JSONB(astext_type=sa.Text()), nullable=True),
        sa.Column("new_data", postgresql.JSONB(astext_type=sa.Text()), nullable=True),
        sa.Column(
            "changed_by",
            sa.Text(),
            server_default=sa.text("current_user"),
            nullable=False,
        ),
        sa.Column(
            "changed_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.PrimaryKeyConstraint("id", name="pk_audit_log"),
        sa.CheckConstraint(
            "action IN ('INSERT', 'UPDATE', 'DELETE')",
            name="ck_audit_log_action",
        ),
    )
    op.create_index("ix_audit_log_table_row", "audit_log", ["table_name", "row_id"])

    op.execute(
        sa.text(
            """
            CREATE FUNCTION audit_row_change() RETURNS trigger
            LANGUAGE plpgsql AS $$
            BEGIN
                IF TG_OP = 'DELETE' THEN
                    INSERT INTO audit_log (table_name, row_id, action, old_data)
                    VALUES (TG_TABLE_NAME, OLD.id, TG_OP, to_jsonb(OLD));
                    RETURN OLD;
                END IF;
                INSERT INTO audit_log (table_name, row_id, action, old_data, new_data)
                VALUES (
                    TG_TABLE_NAME,
                    NEW.id,
                    TG_OP,
                    CASE WHEN TG_OP = 'UPDATE' THEN to_jsonb(OLD) END,
                    to_jsonb(NEW)
                );
                RETURN NEW;
            END;
            $$
            """
        )
    )
    op.execute(
        sa.text(
            "CREATE TRIGGER trg_accounts_audit AFTER INSERT OR UPDATE OR DELETE ON accounts "
            "FOR EACH ROW EXECUTE FUNCTION audit_row_change()"
        )
    )
    op.execute(
        sa.text(
            "CREATE TRIGGER trg_transactions_audit "
            "AFTER INSERT OR UPDATE OR DELETE ON transactions "
            "FOR EACH ROW EXECUTE FUNCTION audit_row_change()"
        )
    )


def downgrade() -> None:
    op.execute(sa.text("DROP TRIGGER trg_transactions_audit ON transactions"))
    op.execute(sa.text("DROP TRIGGER trg_accounts_audit ON accounts"))
    op.execute(sa.text("DROP FUNCTION audit_row_change()"))
    op.drop_index("ix_audit_log_table_row", table_name="audit_log")
    op.drop_table("audit_log")
