"""Alembic environment for the LifeOS personal-finance schema.

The database URL comes from the ``DATABASE_URL`` environment variable, never from alembic.ini,
so that no credentials live in the repository. Both ``postgres://`` (Heroku, many PaaS) and
``postgresql://`` are accepted; SQLAlchemy 1.4 only knows the latter.

Online mode (the default) runs the migrations against the database. Offline mode
(``alembic upgrade head --sql``) prints the SQL instead; it works without a database, and
without ``DATABASE_URL`` it renders PostgreSQL SQL.
"""

from __future__ import annotations

import os
import re
from logging.config import fileConfig

from alembic import context
from sqlalchemy import create_engine, pool

config = context.config

if config.config_file_name is not None:
    fileConfig(config.config_file_name)

# The revisions are written by hand (no autogenerate), so there is no MetaData to compare with.
target_metadata = None

OFFLINE_FALLBACK_URL = "postgresql://"
_LEGACY_SCHEME = re.compile(r"^postgres(?=[+:])")


def database_url(required: bool = True) -> str:
    """Return DATABASE_URL with the scheme SQLAlchemy 1.4 understands."""
    url = os.environ.get("DATABASE_URL", "").strip()
    if not url:
        if required:
            raise RuntimeError(
                "DATABASE_URL is not set; e.g. DATABASE_URL=postgresql://user@localhost:5432/lifeos"
            )
        return OFFLINE_FALLBACK_URL
    return _LEGACY_SCHEME.sub("postgresql", url, count=1)


def run_migrations_offline() -> None:
    """Emit the migration SQL to stdout instead of running it."""
    context.configure(
        url=database_url(required=False),
        target_metadata=target_metadata,
        literal_binds=True,
        dialect_opts={"paramstyle": "named"},
    )

    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    """Run the migrations against DATABASE_URL, one transaction per revision."""
    # lock_timeout: a migration that waits for a lock behind a long query would block every query
    # queued after it; failing after 5 s (and retrying the deploy) is the lesser harm.
    # statement_timeout bounds how long any statement holds what it has locked.
    connectable = create_engine(
        database_url(),
        poolclass=pool.NullPool,
        future=True,
        connect_args={"options": "-c lock_timeout=5s -c statement_timeout=5min"},
    )

    with connectable.connect() as connection:
        context.configure(
            connection=connection,
            target_metadata=target_metadata,
            transaction_per_migration=True,
        )

        with context.begin_transaction():
            context.run_migrations()

    connectable.dispose()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
