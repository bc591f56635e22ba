emacs lock file: skipped by Alembic
