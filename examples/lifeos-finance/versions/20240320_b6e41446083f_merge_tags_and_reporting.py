"""merge tags and reporting

Revision ID: b6e41446083f
Revises: 6032e1e96e37, 94c3f968257f
Create Date: 2024-03-20 16:10:05.332978

"""
from typing import Sequence, Union


# revision identifiers, used by Alembic.
revision: str = "b6e41446083f"
down_revision: Union[str, Sequence[str], None] = ("6032e1e96e37", "94c3f968257f")
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
