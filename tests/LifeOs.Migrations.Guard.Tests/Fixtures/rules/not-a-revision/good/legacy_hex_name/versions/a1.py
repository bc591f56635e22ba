"""Legacy revision named by its file."""
down_revision = None


def upgrade():
    pass


def downgrade():
    pass
