revision = 'release_2_0'
down_revision = '1f2e3d4c5b6a'
depends_on = ['2a2a2a2a2a2a']


def upgrade():
    pass


def downgrade():
    pass
