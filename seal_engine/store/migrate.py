"""Schema migrations, run programmatically (``seal db upgrade`` / ``downgrade``): the Alembic
scripts in ``migrations/`` inside the package, applied over the store's own connection."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

from ..errors import Problem, SchemaError, StoreError
from ..messages import say

if TYPE_CHECKING:  # pragma: no cover - the engine runs migrations when it opens a store
    from .engine import Store

__all__ = ["SchemaStatus", "downgrade", "ensure_current", "head_revision", "schema_status",
           "upgrade"]

_SCRIPTS = Path(__file__).resolve().parent / "migrations"


def _config(connection=None) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(_SCRIPTS))
    if connection is not None:
        cfg.attributes["connection"] = connection
    return cfg


def head_revision() -> str:
    """The newest migration this code knows."""
    return ScriptDirectory.from_config(_config()).get_current_head()


@dataclass(frozen=True)
class SchemaStatus:
    """Where a database's schema stands: its revision (``None``: no schema yet), this code's
    newest, and whether other tables are there (then it is not a seal-engine database)."""

    current: str | None
    head: str
    foreign_tables: tuple[str, ...] = ()

    @property
    def is_current(self) -> bool:
        return self.current == self.head


def _connect_error(store: Store, e: Exception) -> StoreError:
    reason = str(getattr(e, "orig", e)).strip().splitlines()[0] if str(e) else type(e).__name__
    return StoreError(Problem(say("store.cannot_open", url=store.shown_url, reason=reason),
                              field="SEAL_DATABASE_URL"))


def schema_status(store: Store) -> SchemaStatus:
    """The schema revision of ``store``'s database and this code's newest."""
    try:
        with store.engine.connect() as conn:
            current = MigrationContext.configure(conn).get_current_revision()
            tables = sa.inspect(conn).get_table_names()
            conn.rollback()
    except sa.exc.OperationalError as e:
        raise _connect_error(store, e) from None
    foreign = () if current is not None else tuple(t for t in tables if t != "alembic_version")
    return SchemaStatus(current, head_revision(), foreign)


def _run(store: Store, fn, revision: str) -> None:
    try:
        with store.engine.connect() as conn:
            fn(_config(conn), revision)
            if conn.in_transaction():
                conn.commit()
    except sa.exc.OperationalError as e:
        raise _connect_error(store, e) from None
    except Exception as e:  # alembic names an unknown revision with its own errors
        from alembic.util import CommandError

        if isinstance(e, CommandError):
            raise SchemaError(say("store.cannot_migrate", revision=revision,
                                  reason=str(e))) from None
        raise


def upgrade(store: Store, revision: str = "head") -> SchemaStatus:
    """Migrate the database up to ``revision`` (default: the newest).  Each migration runs in
    its own transaction: a failing one leaves the database at the one before."""
    status = schema_status(store)
    if status.foreign_tables:
        raise SchemaError(_foreign(store, status))
    _run(store, command.upgrade, revision)
    return schema_status(store)


def downgrade(store: Store, revision: str) -> SchemaStatus:
    """Migrate the database down to ``revision`` (``base``: no schema; this drops every
    table and its data)."""
    _run(store, command.downgrade, revision)
    return schema_status(store)


def _foreign(store: Store, status: SchemaStatus) -> str:
    shown = ", ".join(status.foreign_tables[:5])
    return (f"the database {store.shown_url} holds tables that are not seal-engine's "
            f"({shown}); give the store a database of its own")


def ensure_current(store: Store, *, create: bool = True) -> None:
    """Give an empty database the schema (when ``create``); refuse one whose schema is not
    this code's."""
    status = schema_status(store)
    if status.is_current:
        return
    if status.current is None:
        if status.foreign_tables:
            raise SchemaError(_foreign(store, status))
        if not create:
            raise SchemaError(say("store.no_schema", url=store.shown_url))
        upgrade(store)
        return
    known = {s.revision for s in ScriptDirectory.from_config(_config()).walk_revisions()}
    if status.current not in known:
        raise SchemaError(say("store.schema_newer", url=store.shown_url,
                              current=status.current, head=status.head))
    raise SchemaError(say("store.schema_older", url=store.shown_url, current=status.current,
                          head=status.head))
