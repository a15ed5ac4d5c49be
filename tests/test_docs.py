"""Every command and setting is documented; the generated reference and schemas are current."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest

from seal_engine._docs import command_help, command_names
from seal_engine.schemas import json_schemas
from seal_engine.settings import SETTINGS

from .conftest import ROOT

CLI_DOC = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
SETTINGS_DOC = (ROOT / "docs" / "settings.md").read_text(encoding="utf-8")
README = (ROOT / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", command_names())
def test_command_has_help_and_example(name):
    text = command_help(name)
    assert "Usage: seal " + name in text
    assert "Example: seal " + name in text


@pytest.mark.parametrize("name", command_names())
def test_command_documented(name):
    assert re.search(rf"^## seal {re.escape(name)}$", CLI_DOC, re.M), \
        f"docs/cli.md lacks ## seal {name}"


@pytest.mark.parametrize("name", command_names())
def test_command_in_readme(name):
    assert f"seal {name}" in README


@pytest.mark.parametrize("setting", SETTINGS, ids=lambda s: s.name)
def test_setting_documented(setting):
    assert f"`{setting.name}`" in SETTINGS_DOC


def test_cli_reference_current():
    result = subprocess.run([sys.executable, "-m", "cogapp", "--check", "docs/cli.md"],
                            cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, "docs/cli.md is out of date: run cog -r docs/cli.md\n" + \
        result.stdout + result.stderr


@pytest.mark.parametrize("name", sorted(json_schemas()))
def test_schema_current(name):
    path = ROOT / "schemas" / name
    expected = json.dumps(json_schemas()[name], indent=2, ensure_ascii=False) + "\n"
    assert path.read_text(encoding="utf-8") == expected, "run: seal schema"


def test_readme_first_screen_commands():
    first = "\n".join(README.splitlines()[:25])
    # a fresh machine: installed, and the app started on the demo (never created otherwise)
    assert "pip install -e '.[app]' && seal app --demo" in first
    assert "python -m pytest" in first


def test_ci_runs_the_readme_test_command():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    command = re.search(r"^(pip install -e '\.\[test\]' && python -m pytest.*)$", README, re.M)
    assert command, "README must show the test command"
    assert command.group(1) in ci


def test_readme_python_examples_run(monkeypatch):
    blocks = re.findall(r"```python\n(.*?)```", README, re.S)
    assert blocks
    monkeypatch.chdir(ROOT)
    for block in blocks:
        namespace: dict = {}
        exec(compile(block, "README.md", "exec"), namespace)  # our own documentation
    assert namespace["result"].level == "getting_started"
