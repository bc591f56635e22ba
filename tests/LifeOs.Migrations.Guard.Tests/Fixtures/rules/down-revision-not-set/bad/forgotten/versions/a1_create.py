"""Create tables."""
revision = 'a1'


def upgrade():
    pass


def downgrade():
    pass
