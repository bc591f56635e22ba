from alembic import context
from sqlalchemy import create_engine


def run_migrations_online():
    connectable = create_engine("postgresql://localhost/app")
    with connectable.connect() as connection:
        context.configure(connection=connection, transaction_per_migration=True)
        with context.begin_transaction():
            context.run_migrations()


run_migrations_online()
