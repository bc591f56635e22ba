"""accounts with a check, an fk and a trigger"""
from alembic import op
import sqlalchemy as sa

revision = "b2_accounts"
down_revision = 'a1_users'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "accounts",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("user_id", sa.BigInteger, sa.ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
        sa.Column("balance", sa.Numeric(12, 2), nullable=False, server_default="0"),
        sa.Column("updated_at", sa.DateTime(timezone=True)),
        sa.CheckConstraint("balance >= -1000", name="ck_accounts_balance"),
    )
    op.create_index("ix_accounts_user_id", "accounts", ["user_id"])
    op.execute(sa.text(
        "CREATE FUNCTION touch_updated_at() RETURNS trigger LANGUAGE plpgsql AS $$ "
        "BEGIN NEW.updated_at := now(); RETURN NEW; END $$"))
    op.execute(sa.text(
        "CREATE TRIGGER trg_accounts_touch BEFORE UPDATE ON accounts "
        "FOR EACH ROW EXECUTE FUNCTION touch_updated_at()"))


def downgrade():
    op.execute(sa.text("DROP TRIGGER trg_accounts_touch ON accounts"))
    op.execute(sa.text("DROP FUNCTION touch_updated_at()"))
    op.drop_index("ix_accounts_user_id", table_name="accounts")
    op.drop_table("accounts")
