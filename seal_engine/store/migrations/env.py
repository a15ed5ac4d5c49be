"""Alembic environment of the store.  Run through ``seal db upgrade`` / ``downgrade`` (see
:mod:`seal_engine.store.migrate`), which hand over an open connection; the ``alembic``
command line works too with ``-x url=...``."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import context

from seal_engine.store.schema import metadata

config = context.config


def _run(connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
        transaction_per_migration=True,
    )
    with context.begin_transaction():
        context.run_migrations()


connection = config.attributes.get("connection")
if connection is not None:
    _run(connection)
else:  # pragma: no cover - the plain alembic command line
    url = context.get_x_argument(as_dictionary=True).get("url") or config.get_main_option(
        "sqlalchemy.url")
    engine = sa.create_engine(url)
    with engine.connect() as conn:
        _run(conn)
    engine.dispose()
