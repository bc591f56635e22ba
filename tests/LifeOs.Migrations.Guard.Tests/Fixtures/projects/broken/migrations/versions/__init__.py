# not a revision: Alembic skips __init__ files
