"""``seal app``: the install hint without the app extra; on first start the database is created
(with the demo and its accounts printed when ``--demo`` asks for it: tests/test_access.py checks
it is never made otherwise); then Streamlit serves the package's app."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from seal_engine.cli import app


@pytest.fixture
def seal(tmp_path, monkeypatch):
    monkeypatch.setenv("SEAL_DATA_DIR", str(tmp_path / "data"))
    calls = []

    def fake_call(command, env=None):
        calls.append((command, env))
        return 0

    monkeypatch.setattr("seal_engine.cli.serve.run_server", fake_call)

    def run(*args):
        return CliRunner().invoke(app, [str(a) for a in args])

    run.calls = calls
    return run


def test_without_the_extra_it_says_what_to_install(seal, monkeypatch):
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec",
                        lambda name, *a: None if name == "streamlit" else real(name, *a))
    r = seal("app")
    assert r.exit_code == 1
    assert "pip install 'seal-engine[app]'" in r.output and "streamlit" in r.output
    assert not seal.calls


def test_first_start_creates_the_database_with_the_demo_and_serves_the_app(seal, tmp_path):
    r = seal("app", "--demo", "--port", 8765)
    assert r.exit_code == 0, r.output
    assert (tmp_path / "data" / "seal.db").is_file()
    assert "creating the demo" in r.output
    assert "open http://localhost:8765" in r.output
    assert "focal@demo.seal / demo-focal-password" in r.output
    (command, env), = seal.calls
    assert command[1:4] == ["-m", "streamlit", "run"]
    assert command[4].endswith("seal_engine/app/serve.py")
    assert command[command.index("--server.port") + 1] == "8765"
    assert command[command.index("--browser.gatherUsageStats") + 1] == "false"
    assert env["SEAL_APP_DEMO"] == "yes"
    again = seal("app", "--demo")
    assert again.exit_code == 0, again.output
    assert "creating the demo" not in again.output  # once only


def test_without_the_demo_an_empty_database_says_how_to_add_an_admin(seal, tmp_path):
    r = seal("app", "--no-demo", "--address", "0.0.0.0")
    assert r.exit_code == 0, r.output
    assert "seal users add" in r.output and "demo-focal-password" not in r.output
    (command, env), = seal.calls
    assert env["SEAL_APP_DEMO"] == "no"
    assert command[command.index("--server.address") + 1] == "0.0.0.0"


def test_the_served_file_and_the_repository_entry_point_define_the_app():
    import ast

    from .conftest import ROOT

    for path in (ROOT / "app.py", ROOT / "seal_engine" / "app" / "serve.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        assigned = [n for n in tree.body if isinstance(n, ast.Assign)
                    and n.targets[0].id == "app"]
        assert assigned and ast.unparse(assigned[0].value.func) == "st.App", path
