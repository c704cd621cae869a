"""Alembic environment: migrate the connection handed over by carveout.

``carveout.storage.migrate`` passes an open connection in
``config.attributes["connection"]``; run by hand (``alembic -x``-less, e.g. to
autogenerate a revision), it connects to ``CARVEOUT_DATABASE_URL``.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection

from carveout.config import get_settings
from carveout.storage.engine import make_engine
from carveout.storage.tables import metadata


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


given = context.config.attributes.get("connection")
if isinstance(given, Connection):
    _run(given)
else:
    with make_engine(get_settings().database_url).begin() as opened:
        _run(opened)
