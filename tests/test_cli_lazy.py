"""The ``seal`` group imports a command's module only when the command runs or shows its help;
the list of commands and their short help are kept as data in ``seal_engine/cli/_commands.py``.
These tests check that data against the commands themselves, that listing them builds none, and
that running one imports its own module only."""

from __future__ import annotations

import os
import subprocess
import sys

from typer.testing import CliRunner

from seal_engine.cli import _index
from seal_engine.cli._app import MODULES, get_command

_ENV = {**os.environ, "COLUMNS": "100", "TERM": "dumb", "SEAL_LANG": "en"}


def _run(code: str) -> str:
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         env=_ENV, check=True)
    return out.stdout


def test_the_command_index_is_up_to_date():
    """``_commands.py`` is what ``python -m seal_engine.cli._index`` writes (run it after
    adding a command or changing the first paragraph of a command's help)."""
    assert _index.PATH.read_text(encoding="utf-8") == _index.source(), (
        "seal_engine/cli/_commands.py is out of date: run python -m seal_engine.cli._index")


def test_every_command_is_listed_with_its_module():
    from seal_engine.cli._commands import COMMANDS

    group = get_command()
    assert list(COMMANDS) == group.list_commands(None)
    assert set(group.commands) == set(COMMANDS)
    assert {entry[0] for entry in COMMANDS.values()} <= set(MODULES)


def test_every_command_module_is_listed():
    """A new module of commands is added to ``MODULES`` (nothing else imports it)."""
    from pathlib import Path

    import seal_engine.cli

    folder = Path(seal_engine.cli.__file__).parent
    assert sorted(p.stem for p in folder.glob("*.py") if not p.stem.startswith("_")) == sorted(
        MODULES)


def test_help_lists_the_commands_as_when_all_are_built():
    """``seal --help`` in a new process (nothing built) prints what it prints with every command
    built."""
    lazy = _run("import sys; sys.argv = ['seal', '--help']\n"
                "from seal_engine.cli import app; app(prog_name='seal')")
    eager = _run("from seal_engine.cli._app import MODULES, load; load(*MODULES)\n"
                 "import sys; sys.argv = ['seal', '--help']\n"
                 "from seal_engine.cli import app; app(prog_name='seal')")
    assert lazy == eager
    assert "score " in lazy and "db " in lazy


def _imported_after(args: list[str]) -> set[str]:
    code = ("import sys\n"
            f"sys.argv = ['seal', *{args!r}]\n"
            "from seal_engine.cli import app\n"
            "try:\n    app(prog_name='seal')\nexcept SystemExit:\n    pass\n"
            "print(' '.join(m for m in sys.modules if m.startswith('seal_engine.cli.')))")
    return set(_run(code).split())


def test_help_imports_no_command_module():
    loaded = _imported_after(["--help"])
    assert not {f"seal_engine.cli.{m}" for m in MODULES} & loaded


def test_a_command_imports_its_own_module_only():
    loaded = _imported_after(["score", "--help"])
    assert "seal_engine.cli.assess" in loaded
    assert not {f"seal_engine.cli.{m}" for m in MODULES if m != "assess"} & loaded


def test_a_group_runs_and_a_typo_is_suggested_from_every_command():
    runner = CliRunner()
    from seal_engine.cli import app

    result = runner.invoke(app, ["db", "--help"])
    assert result.exit_code == 0 and "upgrade" in result.output
    result = runner.invoke(app, ["sco"])
    assert result.exit_code == 2 and "Did you mean 'score'?" in result.output
