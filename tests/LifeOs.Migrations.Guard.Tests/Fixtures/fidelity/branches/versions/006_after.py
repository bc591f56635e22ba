REVISION_ID = "6f6f6f6f6f6f"
revision = REVISION_ID
down_revision = "5e5e5e5e5e5e"


def upgrade():
    pass


def downgrade():
    pass
