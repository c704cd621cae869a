"""Alembic migrations of carveout's schema (run by :func:`carveout.storage.migrate.upgrade`)."""
