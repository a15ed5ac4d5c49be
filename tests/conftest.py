from __future__ import annotations

from pathlib import Path

import pytest

import seal_engine

ROOT = Path(__file__).resolve().parent.parent
STARTER = ROOT / "standards" / "seal-starter.yaml"
STARTER_EXAMPLE = ROOT / "assessments" / "starter" / "riverton-water-agency-2025.yaml"
RIVERTON = STARTER_EXAMPLE
PLANS = ROOT / "tests" / "fixtures" / "plans"
PATH_STD = PLANS / "path.yaml"
AGENCY = PLANS / "agency.yaml"


@pytest.fixture(scope="session")
def sample_standard() -> seal_engine.Standard:
    return seal_engine.load_standard(STARTER)


@pytest.fixture
def write(tmp_path):
    """Write a text file under tmp_path and return its path."""

    def _write(name: str, text: str) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return path

    return _write


@pytest.fixture(autouse=True)
def _isolated_settings(monkeypatch, tmp_path_factory):
    monkeypatch.setenv("COLUMNS", "250")  # content tests read whole lines; width has its own
    for name in ("SEAL_STANDARDS_PATH", "SEAL_MAX_FILE_BYTES", "SEAL_MAX_DATA_BYTES",
                 "SEAL_MAX_YAML_NODES", "SEAL_MAX_DATA_ROWS", "SEAL_WORKFORCE_PATH",
                 "SEAL_DATA_DIR", "SEAL_DATABASE_URL", "SEAL_DB_BUSY_TIMEOUT",
                 "SEAL_MAX_EVIDENCE_BYTES", "SEAL_EVIDENCE_TYPES", "SEAL_ISSUER",
                 "SEAL_PUBLIC_URL"):
        monkeypatch.delenv(name, raising=False)
    # Password hashes in tests use argon2's cheapest parameters (production: RFC 9106 low memory).
    monkeypatch.setenv("SEAL_PASSWORD_PROFILE", "CHEAPEST")
    # Never the user's own data folder: the default database of a test is a throw-away one.
    monkeypatch.setenv("SEAL_DATA_DIR", str(tmp_path_factory.getbasetemp() / "seal-data"))


@pytest.fixture(scope="session")
def signing_key_file(tmp_path_factory) -> Path:
    """The programme's signing key of the test session (certification needs one)."""
    from seal_engine.signing import generate_private_key

    path = tmp_path_factory.mktemp("keys") / "seal-signing-key.pem"
    path.write_bytes(generate_private_key())
    path.chmod(0o600)
    return path


@pytest.fixture(autouse=True)
def _signing_key(monkeypatch, signing_key_file):
    monkeypatch.setenv("SEAL_SIGNING_KEY", str(signing_key_file))


# ------------------------------------------------------------------------------ the store

_OPEN_STORES: list = []


def open_test_store(url: str, **kwargs):
    """Open a store that the autouse fixture below closes after the test."""
    import seal_engine.store as st

    store = st.open_store(url, **kwargs)
    _OPEN_STORES.append(store)
    return store


@pytest.fixture(autouse=True)
def _close_stores():
    yield
    while _OPEN_STORES:
        _OPEN_STORES.pop().close()


@pytest.fixture(scope="session")
def _empty_db(tmp_path_factory) -> Path:
    """A migrated, empty SQLite database, made once and copied for each test."""
    import seal_engine.store as st

    path = tmp_path_factory.mktemp("store") / "empty.db"
    with st.open_store(f"sqlite:///{path}"):
        pass
    return path


@pytest.fixture(scope="session")
def _demo_db(tmp_path_factory, signing_key_file) -> Path:
    """The demo database (``seal db init --demo``), made once and copied for each test."""
    import seal_engine.store as st

    path = tmp_path_factory.mktemp("store") / "demo.db"
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SEAL_PASSWORD_PROFILE", "CHEAPEST")
        mp.setenv("SEAL_SIGNING_KEY", str(signing_key_file))
        with st.open_store(f"sqlite:///{path}") as store:
            st.init_demo(store)
    return path


def _copy(src: Path, dest: Path) -> str:
    import shutil

    shutil.copyfile(src, dest)
    return f"sqlite:///{dest}"


@pytest.fixture
def tmp_store(tmp_path, _empty_db):
    """An empty, migrated SQLite store in tmp_path."""
    return open_test_store(_copy(_empty_db, tmp_path / "seal.db"))


@pytest.fixture
def demo_store(tmp_path, _demo_db):
    """A store holding the demo (bundled standards, examples, users, lifecycle)."""
    return open_test_store(_copy(_demo_db, tmp_path / "seal.db"))


@pytest.fixture
def pg_url():
    """The PostgreSQL database of SEAL_TEST_POSTGRES_URL, emptied; skipped when unset."""
    import os

    url = os.environ.get("SEAL_TEST_POSTGRES_URL")
    if not url:
        pytest.skip("SEAL_TEST_POSTGRES_URL is not set: no PostgreSQL server to test against "
                    "(.ci/run starts one)")
    import sqlalchemy as sa

    engine = sa.create_engine(url)
    with engine.begin() as conn:
        conn.exec_driver_sql("DROP SCHEMA public CASCADE")
        conn.exec_driver_sql("CREATE SCHEMA public")
    engine.dispose()
    return url


def demo_actors(store) -> dict:
    """The demo users by role, signed in."""
    import seal_engine.store as st

    return {u.role: st.authenticate(store, u.email, u.password) for u in st.DEMO_USERS}


def assessment_id(store, code: str) -> str:
    import seal_engine.store as st

    return st.find_assessment(store, st.SYSTEM, code).id


# ------------------------------------------------------------------------------ the app


@pytest.fixture
def app_db(_demo_db, tmp_path, monkeypatch):
    """The demo database copied for this test, as the app's database; the app's caches and
    stores are emptied afterwards."""
    import logging
    import shutil

    import streamlit as st

    from seal_engine.app.session import reset_stores

    for name in ("streamlit.runtime.scriptrunner_utils.script_run_context",
                 "streamlit.runtime.caching.cache_data_api",
                 "streamlit.runtime.caching.storage.local_disk_cache_storage"):
        logging.getLogger(name).setLevel(logging.ERROR)

    path = tmp_path / "seal.db"
    shutil.copyfile(_demo_db, path)
    url = f"sqlite:///{path}"
    monkeypatch.setenv("SEAL_DATABASE_URL", url)
    monkeypatch.setenv("SEAL_APP_DEMO", "yes")
    st.cache_resource.clear()
    st.cache_data.clear()
    yield url
    reset_stores()
    st.cache_resource.clear()
    st.cache_data.clear()


@pytest.fixture
def cache_dir(tmp_path, monkeypatch) -> Path:
    """An empty folder for the standards' cache of this test (``SEAL_CACHE_DIR``)."""
    folder = tmp_path / "cache"
    monkeypatch.setenv("SEAL_CACHE_DIR", str(folder))
    return folder


def _strict() -> bool:
    """``SEAL_TEST_STRICT=1`` (set by .ci/run): a test skipped for want of PostgreSQL, Chromium
    or an extra fails the run, since CI installs all of them."""
    import os

    return os.environ.get("SEAL_TEST_STRICT") == "1"


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    skipped = terminalreporter.stats.get("skipped", [])
    if _strict() and skipped:
        terminalreporter.section("skipped under SEAL_TEST_STRICT=1: the run fails", red=True)
        for report in skipped:
            reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else report.longrepr
            terminalreporter.line(f"{report.nodeid}: {reason}")


def pytest_sessionfinish(session, exitstatus):
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    if _strict() and reporter is not None and reporter.stats.get("skipped") and exitstatus == 0:
        session.exitstatus = 1
