# The oldest revisions had no revision variable: Alembic takes the id from a hex file name.
down_revision = ""


def upgrade():
    pass


def downgrade():
    pass
