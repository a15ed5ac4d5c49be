"""Migrations run up and down on SQLite and PostgreSQL, and the migrated schema is exactly the
metadata; the store is an extra with an install hint; the default database is created on first
use where the settings say."""

from __future__ import annotations

import sys

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

import seal_engine.store as st
from seal_engine.store.schema import metadata

from .conftest import open_test_store


def _diff(store) -> list:
    with store.engine.connect() as conn:
        return compare_metadata(MigrationContext.configure(conn), metadata)


def _tables(store) -> set[str]:
    with store.engine.connect() as conn:
        return set(sa.inspect(conn).get_table_names())


def _up_and_down(url: str) -> None:
    store = open_test_store(url, check=False)
    assert st.schema_status(store).current is None
    assert st.upgrade(store).current == st.head_revision()
    assert _diff(store) == []
    assert {t.name for t in metadata.sorted_tables} <= _tables(store)
    with store.read() as conn:
        head = conn.execute(sa.text("SELECT seq, hash FROM audit_head")).one()
    assert (head.seq, head.hash) == (0, "0" * 64)
    assert st.downgrade(store, "base").current is None
    assert _tables(store) <= {"alembic_version"}
    st.upgrade(store)  # and up again from nothing
    assert _diff(store) == []


def test_up_and_down_on_sqlite(tmp_path):
    _up_and_down(f"sqlite:///{tmp_path / 'seal.db'}")


@pytest.mark.postgres
def test_up_and_down_on_postgres(pg_url):
    _up_and_down(pg_url)


def test_an_empty_database_is_created_on_first_use(tmp_path, monkeypatch):
    monkeypatch.setenv("SEAL_DATA_DIR", str(tmp_path / "data"))
    assert st.default_url() == f"sqlite:///{tmp_path / 'data' / 'seal.db'}"
    store = open_test_store(st.default_url())
    assert (tmp_path / "data" / "seal.db").is_file()
    assert st.schema_status(store).is_current


def test_default_folder_follows_xdg(monkeypatch, tmp_path):
    from seal_engine.settings import data_dir

    monkeypatch.delenv("SEAL_DATA_DIR")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    assert data_dir() == tmp_path / "seal-engine"
    monkeypatch.setenv("SEAL_DATABASE_URL", "postgresql+psycopg://u@h/db")
    assert st.default_url() == "postgresql+psycopg://u@h/db"


def test_an_old_schema_is_refused_until_upgraded(tmp_path):
    url = f"sqlite:///{tmp_path / 'seal.db'}"
    store = open_test_store(url)
    with store.engine.begin() as conn:
        conn.exec_driver_sql("UPDATE alembic_version SET version_num = 'ffff'")
    with pytest.raises(st.SchemaError, match="newer than this seal-engine knows"):
        open_test_store(url)


def test_without_create_an_empty_database_is_refused(tmp_path):
    path = tmp_path / "new.db"
    sa.create_engine(f"sqlite:///{path}").connect().close()  # an empty SQLite file
    with pytest.raises(st.SchemaError, match="seal db upgrade"):
        open_test_store(f"sqlite:///{path}", create=False)


def test_a_mistyped_database_location_is_not_created(tmp_path, monkeypatch):
    """Reading commands refuse a database that is not there rather than make an empty one."""
    path = tmp_path / "typo" / "seal.db"
    monkeypatch.setenv("SEAL_DATABASE_URL", f"sqlite:///{path}")
    with pytest.raises(st.StoreError, match="there is no database at .*seal db init"):
        open_test_store(f"sqlite:///{path}", create=False)
    with pytest.raises(st.StoreError, match="the folder .*typo does not exist"):
        open_test_store(f"sqlite:///{path}", create=True)
    assert not path.parent.exists()


def test_a_foreign_database_is_refused(tmp_path):
    path = tmp_path / "other.db"
    engine = sa.create_engine(f"sqlite:///{path}")
    with engine.begin() as conn:
        conn.exec_driver_sql("CREATE TABLE invoices (id INTEGER)")
    engine.dispose()
    with pytest.raises(st.SchemaError, match="not seal-engine's"):
        open_test_store(f"sqlite:///{path}")


def test_unsupported_and_bad_urls(tmp_path):
    with pytest.raises(st.StoreError, match="not supported"):
        st.open_store("mysql://u@h/db")
    with pytest.raises(st.StoreError, match="not a database URL"):
        st.open_store("no url at all")


def test_sqlite_runs_in_wal_mode_with_foreign_keys(tmp_store):
    with tmp_store.read() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


def test_the_store_without_its_extra_names_the_install(monkeypatch):
    for name in list(sys.modules):
        if name == "seal_engine.store" or name.startswith("seal_engine.store."):
            monkeypatch.delitem(sys.modules, name)
    monkeypatch.setitem(sys.modules, "sqlalchemy", None)
    with pytest.raises(ImportError, match=r"pip install 'seal-engine\[store\]'"):
        import seal_engine.store  # noqa: F401
