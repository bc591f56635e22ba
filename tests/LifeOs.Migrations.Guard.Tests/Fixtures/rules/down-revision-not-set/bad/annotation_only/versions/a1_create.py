"""Create tables."""
from typing import Union

revision: str = 'a1'
down_revision: Union[str, None]


def upgrade():
    pass


def downgrade():
    pass
