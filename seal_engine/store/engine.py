"""Opening the database: the URL (a SQLite file by default, PostgreSQL when
``SEAL_DATABASE_URL`` says so), the engine with the transaction discipline writers need, and
the :class:`Store` handle every service function takes.

Transactions.  Every change goes through :meth:`Store.write`, one short transaction that also
appends the audit entry.  Writers are serialised before they read anything they will change:
SQLite starts the transaction with ``BEGIN IMMEDIATE`` (the write lock, in WAL mode so that
readers are not blocked), PostgreSQL takes the row lock on the audit head first.  So a writer
always sees the last committed state, versions compared inside the transaction are exact, and
no two writers can deadlock.  Reads go through :meth:`Store.read`, a plain transaction giving one
consistent snapshot.
"""

from __future__ import annotations

import contextvars
import datetime as dt
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from ..errors import Problem, SchemaError, StoreError, install_hint
from ..messages import say
from ..settings import data_dir, get_setting

__all__ = ["Store", "default_url", "open_store", "public_name", "remembered", "run_memo"]

_READ = "seal_read"


def default_url() -> str:
    """``SEAL_DATABASE_URL``, else the SQLite file ``seal.db`` in the data folder."""
    url = get_setting("SEAL_DATABASE_URL").strip()
    if url:
        return url
    return f"sqlite:///{data_dir() / 'seal.db'}"


def public_name(url: str) -> str:
    """The database as a download may name it: its kind and name, never its server, folder,
    user or password ("the app's database (SQLite, seal.db)", "the app's database
    (PostgreSQL, seal)")."""
    try:
        u = sa.engine.make_url(url)
    except (sa.exc.ArgumentError, ValueError):
        return "the app's database"
    backend = u.get_backend_name()
    kind = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}.get(backend, backend)
    name = u.database or ""
    if backend == "sqlite":
        name = "" if name in ("", ":memory:") or name.startswith("file::memory:") else \
            Path(name.split("?")[0]).name
    else:
        name = name.rsplit("/", 1)[-1]
    return f"the app's database ({kind}{', ' + name if name else ''})"


_MEMO: contextvars.ContextVar[dict | None] = contextvars.ContextVar("seal_run_memo",
                                                                   default=None)


@contextmanager
def remembered() -> Iterator[dict]:
    """One run of an app page (or one request): inside it, reads that cannot change its
    answer are made once (:func:`run_memo`: the signed-in user's roles in read transactions,
    a stored standard parsed, an assessment's row and content (answers, claims, evidence, staff
    file, institution, baseline answers, assignment) and each scored view of it, through
    ``_common.once_per_run``); every write that commits forgets them, so that the run reads
    again what it changed."""
    token = _MEMO.set({})
    try:
        yield _MEMO.get()
    finally:
        _MEMO.reset(token)


def run_memo() -> dict | None:
    """What this run remembered (see :func:`remembered`), or ``None`` outside one."""
    return _MEMO.get()


def _utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class Store:
    """An open database.  Use as a context manager, or call :meth:`close`.

    ``clock`` gives the current UTC time (tests pass a fixed one to date certificates)."""

    def __init__(self, engine: Engine, url: str, clock: Callable[[], dt.datetime] = _utcnow):
        self.engine = engine
        self.url = url
        self.clock = clock
        self.dialect = engine.dialect.name

    # -------------------------------------------------------------------------- lifetime

    def close(self) -> None:
        """Close every connection of the pool."""
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Store({self.shown_url!r})"

    @property
    def shown_url(self) -> str:
        """The URL with any password hidden (for the operator: it names the server's path)."""
        return sa.engine.make_url(self.url).render_as_string(hide_password=True)

    @property
    def public_name(self) -> str:
        """The database as anything downloaded names it (see :func:`public_name`)."""
        return public_name(self.url)

    # ------------------------------------------------------------------------ transactions

    @contextmanager
    def write(self) -> Iterator[Connection]:
        """A write transaction: committed when the block ends, rolled back if it raises.
        Holds the writers' lock from its first statement (see the module docstring)."""
        with self.engine.connect() as conn:
            with conn.begin():
                if self.dialect == "postgresql":
                    from .schema import audit_head

                    found = conn.execute(sa.select(audit_head.c.seq).where(
                        audit_head.c.id == 1).with_for_update()).first()
                    if found is None:
                        raise SchemaError(say("store.no_audit_head"))
                memo = _MEMO.get()
                if memo:
                    memo.clear()
                yield conn
            if memo:
                memo.clear()  # what this run read before may have changed

    @contextmanager
    def read(self) -> Iterator[Connection]:
        """A read-only transaction: one consistent snapshot, never holding the write lock."""
        with self.engine.connect().execution_options(**{_READ: True}) as conn:
            with conn.begin():
                yield conn
                conn.rollback()

    def now(self) -> dt.datetime:
        """The current time, UTC, to the microsecond."""
        return self.clock().astimezone(dt.UTC)


def _sqlite_file_check(url: sa.URL, create: bool, default: bool) -> None:
    """Refuse a SQLite file that is not there unless the database is to be created, so that a
    mistyped location is an error rather than a new, empty database; only the default data
    folder is made on first use."""
    database = url.database or ""
    if not database or database == ":memory:" or database.startswith("file:"):
        return
    path = Path(database).expanduser()
    if path.exists():
        return
    where = "SEAL_DATA_DIR" if default else "SEAL_DATABASE_URL"
    if not create:
        raise StoreError(Problem(say("store.no_database", path=str(path), where=where),
                                 field=where))
    if not path.parent.exists():
        if default:
            path.parent.mkdir(parents=True, exist_ok=True)
        else:
            raise StoreError(Problem(
                say("store.no_folder", path=str(path.parent), where=where), field=where))


def _sqlite_engine(url: sa.URL) -> Engine:
    database = url.database or ""
    try:
        timeout = float(get_setting("SEAL_DB_BUSY_TIMEOUT"))
    except ValueError:
        raise StoreError(say("store.busy_timeout",
                             value=get_setting("SEAL_DB_BUSY_TIMEOUT"))) from None
    engine = sa.create_engine(url, connect_args={"timeout": timeout})

    @sa.event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):
        # pysqlite's own transaction handling is turned off, so that BEGIN is ours to emit.
        dbapi_connection.isolation_level = None
        cur = dbapi_connection.cursor()
        cur.execute("PRAGMA foreign_keys = ON")
        cur.execute(f"PRAGMA busy_timeout = {int(timeout * 1000)}")
        if database and database != ":memory:":
            cur.execute("PRAGMA journal_mode = WAL")
            cur.execute("PRAGMA synchronous = NORMAL")
        cur.close()

    @sa.event.listens_for(engine, "begin")
    def _on_begin(conn):
        read_only = conn.get_execution_options().get(_READ, False)
        conn.exec_driver_sql("BEGIN" if read_only else "BEGIN IMMEDIATE")

    return engine


def open_store(url: str | None = None, *, create: bool = True, check: bool = True,
               clock: Callable[[], dt.datetime] | None = None) -> Store:
    """Open the database at ``url`` (default: :func:`default_url`).

    An empty database is given the schema (migrations up to the newest) when ``create`` is
    true: the default SQLite file is created on first use.  A database whose schema is older or
    newer than this code raises :class:`SchemaError` saying to run ``seal db upgrade``
    (``check=False`` skips both, for the migration commands themselves)."""
    url = url or default_url()
    try:
        parsed = sa.engine.make_url(url)
    except sa.exc.ArgumentError:
        raise StoreError(Problem(say("store.not_a_url", url=url),
                                 field="SEAL_DATABASE_URL")) from None
    if parsed.get_backend_name() == "sqlite":
        _sqlite_file_check(parsed, create, url == default_url() and
                           not get_setting("SEAL_DATABASE_URL").strip())
        engine = _sqlite_engine(parsed)
    elif parsed.get_backend_name() == "postgresql":
        if parsed.drivername == "postgresql":
            parsed = parsed.set(drivername="postgresql+psycopg")
        try:
            engine = sa.create_engine(parsed, pool_pre_ping=True)
        except ImportError as e:
            raise ImportError("PostgreSQL needs psycopg, which is not installed: "
                              + install_hint("postgres")) from e
    else:
        raise StoreError(Problem(say("store.unsupported_database",
                                     backend=parsed.get_backend_name()),
                                 field="SEAL_DATABASE_URL"))
    store = Store(engine, url, clock or _utcnow)
    if not check:
        return store
    try:
        from .migrate import ensure_current

        ensure_current(store, create=create)
    except BaseException:
        store.close()
        raise
    return store
