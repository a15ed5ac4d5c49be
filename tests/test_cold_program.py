"""The ``seal`` program's process (seal_engine.cli._program): its garbage collector waits for
the startup's objects before its first collection, then collects as before with what was alive
frozen; a runner invoking the commands in-process (the tests, a program importing the engine)
keeps its collector as it is; the program's output is unchanged."""

from __future__ import annotations

import gc
import os
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from seal_engine.cli import _program, app

from .conftest import ROOT

EXAMPLE = ROOT / "assessments" / "valdoria-ministry-of-labour" / "2025.yaml"


@pytest.fixture
def fresh_program(monkeypatch):
    """quick_start as in a new process, undone after the test."""
    registered = []
    monkeypatch.setattr(_program.atexit, "register", registered.append)
    monkeypatch.setattr(_program, "_state", {})
    thresholds = gc.get_threshold()
    callbacks = list(gc.callbacks)
    yield registered
    gc.callbacks[:] = callbacks
    gc.set_threshold(*thresholds)
    gc.unfreeze()


def test_the_first_collection_waits_then_the_collector_is_as_it_was(fresh_program):
    before = gc.get_threshold()
    assert _program.quick_start() is True
    assert gc.get_threshold() == (_program.STARTUP_OBJECTS, *before[1:])
    assert fresh_program == [gc.freeze]  # at exit, nothing alive is examined again
    assert _program.quick_start() is False  # once a process
    assert gc.get_threshold()[0] == _program.STARTUP_OBJECTS
    frozen = gc.get_freeze_count()
    gc.collect()
    assert gc.get_threshold() == before
    assert gc.get_freeze_count() > frozen  # what the startup left alive is frozen
    gc.unfreeze()
    gc.collect()
    assert gc.get_freeze_count() == 0  # later collections freeze nothing more


def test_a_collector_turned_off_or_at_zero_is_left_alone(fresh_program):
    before = gc.get_threshold()
    gc.disable()
    try:
        assert _program.quick_start() is False
        assert gc.get_threshold() == before
    finally:
        gc.enable()
    gc.set_threshold(0)
    assert _program.quick_start() is False
    assert gc.get_threshold()[0] == 0
    assert fresh_program == []


def test_a_runner_leaves_the_collector_as_it_is():
    before = gc.get_threshold()
    callbacks = list(gc.callbacks)
    result = CliRunner().invoke(app, ["score", str(EXAMPLE)])
    assert result.exit_code == 0, result.output
    assert gc.get_threshold() == before
    assert gc.callbacks == callbacks


def _env(tmp_path) -> dict:
    return {**os.environ, "SEAL_CACHE_DIR": str(tmp_path / "cache"), "COLUMNS": "100"}


def test_the_program_sets_its_collector(tmp_path):
    code = ("import gc; from seal_engine.cli import app\n"
            "app(['--version'], prog_name='seal', standalone_mode=False)\n"
            "print(gc.get_threshold()[0])")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         cwd=ROOT, env=_env(tmp_path), check=True)
    assert out.stdout.split()[-1] == str(_program.STARTUP_OBJECTS)


def test_the_program_scores_as_the_runner_does(tmp_path):
    expected = CliRunner().invoke(app, ["score", str(EXAMPLE)], env={"COLUMNS": "100"})
    assert expected.exit_code == 0, expected.output
    for _ in range(2):  # the standard read from its files, then from the cache
        out = subprocess.run([sys.executable, "-m", "seal_engine", "score", str(EXAMPLE)],
                             capture_output=True, text=True, cwd=ROOT, env=_env(tmp_path))
        assert out.returncode == 0, out.stderr
        assert out.stdout == expected.output
