"""The server warms itself up as it starts (``st.App``'s lifespan), so that the first visit of
a page does not wait for the imports and the standards: every page's module imported, every
stored standard parsed into the store's cache; a database that cannot be opened does not stop
the server (the pages say what is wrong)."""

from __future__ import annotations

import sys
from pathlib import Path

import seal_engine.app.server as server
import seal_engine.store.standards as stored


def test_the_pages_modules_and_the_standards_are_ready_after_the_warm_up(app_db, monkeypatch):
    monkeypatch.setattr(stored, "_CACHE", {})
    names = server.warm_up()
    views = Path(server.__file__).parent / "views"
    assert {n.rsplit(".", 1)[1] for n in names} == \
        {p.stem for p in views.glob("*.py") if p.stem != "__init__"}
    assert all(n in sys.modules for n in names)
    from seal_engine.app.session import app_store
    from seal_engine.store import list_stored_standards

    kept = {(s.id, s.version) for s in list_stored_standards(app_store())}
    assert len(stored._CACHE) == len(kept) > 0


def test_a_database_that_cannot_be_opened_does_not_stop_the_server(tmp_path, monkeypatch,
                                                                   caplog):
    monkeypatch.setenv("SEAL_DATABASE_URL", f"sqlite:///{tmp_path / 'missing' / 'x.db'}")
    assert server.warm_up()
    assert "the standards were not read" in caplog.text


def test_the_app_runs_the_warm_up_as_it_starts():
    assert server.app_options()["lifespan"] is server._lifespan
