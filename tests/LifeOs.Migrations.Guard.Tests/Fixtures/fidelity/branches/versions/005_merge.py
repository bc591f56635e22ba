"""merge three branches

Revision ID: 5e5e5e5e5e5e
Revises: 2a2a2a2a2a2a, 3b3b3b3b3b3b, release_2_0
"""
revision = "5e5e5e5e5e5e"
down_revision = ("2a2a2a2a2a2a", "3b3b3b3b3b3b", "release_2_0")


def upgrade():
    pass


def downgrade():
    pass
