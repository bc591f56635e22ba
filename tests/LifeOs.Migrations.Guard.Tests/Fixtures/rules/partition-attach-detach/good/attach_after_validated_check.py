"""a validated check that matches the bound skips the scan

Revision ID: a1b2c3d4e5f6
Revises: 
"""
from alembic import op
import sqlalchemy as sa

revision = "a1b2c3d4e5f6"
down_revision = None


def upgrade():
    op.execute(
        "ALTER TABLE events_2024 ADD CONSTRAINT ck_events_2024_bound "
        "CHECK (created_at >= '2024-01-01' AND created_at < '2025-01-01') NOT VALID"
    )
    with op.get_context().autocommit_block():
        op.execute("ALTER TABLE events_2024 VALIDATE CONSTRAINT ck_events_2024_bound")
        op.execute("ALTER TABLE events ATTACH PARTITION events_2024 FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')")


def downgrade():
    pass
