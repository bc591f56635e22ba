revision = "cd34"
down_revision = "ab12"


def upgrade():
    pass


def downgrade():
    pass
