from alembic import op

revision = "d1"
down_revision = "c1"


def _drop(table, column):
    op.drop_column(table, column)


def _shared():
    op.drop_column("tags", "color")


def _unused():
    op.drop_column("tags", "icon")


def upgrade():
    for table in ("transactions", "transfers"):
        if table:
            try:
                _drop(table, "legacy_ref")
            except Exception:
                pass
    _shared()


def downgrade():
    _shared()
