from typing import Sequence, Union

from alembic import op

revision: str = "2a2a2a2a2a2a"
down_revision: Union[str, Sequence[str], None] = "1f2e3d4c5b6a"
branch_labels: Union[str, Sequence[str], None] = ("left",)


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
