"""Defects a held-out hostile-input corpus found, each pinned at its cause.

* ``-o`` naming one of the command's own inputs (a file an assessment names, such as its
  workforce data; a file of the standard; a file below a folder it reads; the same file under
  another name) replaced it: every command that writes refuses it, whatever ``--force`` says.
* ``seal validate`` on a named pipe waited for ever for a writer: anything that is not a
  regular file or a folder is refused before it is opened, naming the path.
* A plan exported to CSV with a carriage return inside a text did not read back.
* A control character in a standard's text (escaped in YAML: ``"\\a"``) and a plan period past
  the year 9999 gave errors that did not say which file and line they came from.
"""

from __future__ import annotations

import csv
import io
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

import seal_engine as se
from seal_engine.cli import app

from .conftest import ROOT, STARTER, STARTER_EXAMPLE

HIGHLANDS = ROOT / "assessments" / "highlands-provincial-health"
PUBLIC = ROOT / "standards" / "undp-seal-public-institutions"


def run(*args):
    return CliRunner().invoke(app, [str(a) for a in args])


@pytest.fixture
def folder(tmp_path) -> Path:
    """A copy of an institution's folder: two assessments, each naming its workforce file."""
    out = tmp_path / "highlands"
    shutil.copytree(HIGHLANDS, out)
    return out


def _contents(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


def _refused(r, name: str, what: str | None = None) -> None:
    message = " ".join(r.output.split())
    assert r.exit_code == 2, r.output
    assert "Traceback" not in r.output
    assert "is also an input of this command" in message and name in message, message
    if what is not None:
        assert what in message, message


# ------------------------------------------------------------------ -o over one of the inputs

@pytest.mark.parametrize("command", ["actions-csv", "actions-xlsx", "template-from",
                                     "compare-folder", "compare-file"])
def test_no_command_writes_over_the_workforce_file_an_assessment_names(folder, command):
    """The staff data file named by the assessment (``workforce: workforce-2025.csv``) is an
    input of every command reading the assessment: -o naming it is refused, with --force."""
    before = _contents(folder)
    a, wf = folder / "2025.yaml", folder / "workforce-2025.csv"
    args = {"actions-csv": ["actions", a, "-f", "csv"],
            "actions-xlsx": ["actions", a, "-f", "xlsx"],
            "template-from": ["template", "undp-seal-public-institutions", "--from", a],
            "compare-folder": ["compare", folder, "-f", "csv"],
            "compare-file": ["compare", a, "-f", "csv"]}[command]
    r = run(*args, "-o", wf, "--force")
    _refused(r, "workforce-2025.csv", "the workforce file named by")
    assert _contents(folder) == before


def test_a_hard_link_to_an_input_is_the_input(folder):
    """The same file under another name is the same input: writing there would replace it."""
    before = _contents(folder)
    os.link(folder / "workforce-2025.csv", folder / "staff.csv")
    r = run("metrics", folder / "workforce-2025.csv", "-f", "csv", "-o", folder / "staff.csv",
            "--force")
    _refused(r, "staff.csv")
    r = run("actions", folder / "2025.yaml", "-f", "csv", "-o", folder / "staff.csv", "--force")
    _refused(r, "staff.csv")
    assert {k: v for k, v in _contents(folder).items() if k != "staff.csv"} == before
    assert (folder / "staff.csv").read_bytes() == before["workforce-2025.csv"]


def test_compare_does_not_write_over_an_assessment_below_the_folder_it_reads(folder):
    before = _contents(folder)
    r = run("compare", folder, "-f", "csv", "-o", folder / "2024.yaml", "--force")
    _refused(r, "2024.yaml", "a file of the folder")
    assert _contents(folder) == before
    # a new file in the folder, or one the comparison does not read, may be written
    assert run("compare", folder, "-f", "csv", "-o", folder / "ranking.csv").exit_code == 0
    r = run("compare", folder, "-f", "csv", "-o", folder / "ranking.csv", "--force")
    assert r.exit_code == 0, r.output


@pytest.mark.parametrize("command", ["template", "actions"])
def test_no_command_writes_over_a_file_of_its_standard(tmp_path, command):
    """A standard given as a file or a folder is read: -o naming one of its files is refused."""
    std = tmp_path / "std"
    shutil.copytree(PUBLIC, std / PUBLIC.name)
    shutil.copy(STARTER, std / STARTER.name)
    before = {p: p.read_bytes() for p in std.rglob("*") if p.is_file()}
    if command == "template":
        r = run("template", std / STARTER.name, "-o", std / STARTER.name, "--force")
        _refused(r, STARTER.name, "a file of the standard seal-starter v2")
    else:
        target = std / PUBLIC.name / "actions.yaml"
        r = run("actions", HIGHLANDS / "2025.yaml", "-s", std / PUBLIC.name, "-f", "json",
                "-o", target, "--force")
        _refused(r, "actions.yaml", "a file of the standard undp-seal-public-institutions v3")
    assert {p: p.read_bytes() for p in std.rglob("*") if p.is_file()} == before


def test_check_output_knows_the_files_an_assessment_and_a_standard_came_from(folder):
    a = se.load_assessment(folder / "2025.yaml")
    s = se.load_standard(STARTER)
    with pytest.raises(se.SealError, match="the workforce file named by"):
        se.check_output(folder / "workforce-2025.csv", force=True, inputs=[a])
    with pytest.raises(se.SealError, match="is also an input"):
        se.check_output(folder / "2025.yaml", force=True, inputs=[a])
    with pytest.raises(se.SealError, match="a file of the standard seal-starter v2"):
        se.check_output(STARTER, force=True, inputs=[s])
    se.check_output(folder / "workforce-2024.csv", force=True, inputs=[a, s])  # not read


# ------------------------------------------------------------------------ validate on a pipe

@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
@pytest.mark.parametrize("given", ["pipe", "folder"])
def test_validate_refuses_a_named_pipe_without_waiting(tmp_path, given):
    pipe = tmp_path / "pipe.yaml"
    os.mkfifo(pipe)
    target = pipe if given == "pipe" else tmp_path
    try:
        r = subprocess.run([sys.executable, "-m", "seal_engine", "validate", str(target)],
                           capture_output=True, text=True, timeout=60, cwd=tmp_path,
                           env={**os.environ, "PYTHONPATH": str(ROOT)})
    except subprocess.TimeoutExpired:  # pragma: no cover - the defect
        pytest.fail("seal validate waited for a writer on a named pipe")
    assert r.returncode == 1, r.stdout + r.stderr
    assert "Traceback" not in r.stderr
    assert f"error: {pipe}: is not a regular file (a named pipe); give a file" in r.stderr


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_files_are_read_only_when_regular(tmp_path):
    from seal_engine._source import read_regular

    pipe = tmp_path / "p.yaml"
    os.mkfifo(pipe)
    for read in (read_regular, se.load_assessment, se.load_standard, se.check_file):
        with pytest.raises(se.SealError, match="is not a regular file"):
            read(pipe)
    with pytest.raises(se.SealError, match="is a folder"):
        read_regular(tmp_path)
    with pytest.raises(se.SealError, match="no such file"):
        read_regular(tmp_path / "missing.yaml")
    assert read_regular(STARTER) == STARTER.read_bytes()
    assert read_regular(STARTER, 7) == STARTER.read_bytes()[:8]


# ------------------------------------------------------------- a carriage return in a CSV cell

TEXTS = ["a\rb", "ends with\r", "\r=starts a formula", "two\r\rreturns", "crlf\r\nand lf\nx",
         '"quoted"\r, with a comma']


def test_a_plan_with_carriage_returns_reads_back_from_csv(tmp_path):
    s = se.load_standard(STARTER)
    a = se.load_assessment(STARTER_EXAMPLE)
    base = se.draft_plan(s, a)
    rows = [r.model_copy(update={"activity": TEXTS[i % len(TEXTS)],
                                 "notes": TEXTS[(i + 1) % len(TEXTS)],
                                 "responsible": TEXTS[(i + 2) % len(TEXTS)]})
            for i, r in enumerate(base.rows)]
    plan = se.ActionPlan.model_validate(base.model_copy(update={"rows": rows}).model_dump())
    path = tmp_path / "plan.csv"
    se.write_plan(plan, path, "csv", s)
    back = se.read_plan(path, s, base)
    assert back.rows == plan.rows
    assert back == plan


def test_every_csv_cell_with_a_carriage_return_is_quoted():
    from seal_engine.render.tabular import csv_text, unsafe_text

    rows = [[t, 1, None, "plain"] for t in TEXTS]
    text = csv_text(["text", "n", "empty", "other"], rows)
    assert text.endswith("\n") and not text.endswith("\r\n")
    got = list(csv.reader(io.StringIO(text, newline="")))
    assert [[unsafe_text(c) for c in row] for row in got[1:]] == [
        [t, "1", "", "plain"] for t in TEXTS]
    # rows without one are written as before
    assert csv_text(["a"], [["x"], [2]]) == "a\nx\n2\n"


# ------------------------------------------------------------- errors that say where they are

@pytest.mark.parametrize("escape", ["\\a", "\\x07", "\\u0007", "\\e", "\\x0b"])
def test_a_control_character_in_a_standards_action_names_its_file_and_line(tmp_path, escape):
    std = tmp_path / PUBLIC.name
    shutil.copytree(PUBLIC, std)
    actions = std / "actions.yaml"
    lines = actions.read_text(encoding="utf-8").splitlines(keepends=True)
    n = next(i for i, ln in enumerate(lines) if ln.strip().startswith("title:"))
    indent = lines[n][:len(lines[n]) - len(lines[n].lstrip())]
    lines[n] = f'{indent}title: "Draft and adopt{escape} a gender equality policy"\n'
    actions.write_text("".join(lines), encoding="utf-8")
    with pytest.raises(se.StandardError) as e:
        se.load_standard(std)
    [p] = e.value.problems
    assert (p.file, p.line) == (str(actions), n + 1)
    assert p.field == "actions[0].title" and p.record_id == "A-LC-01a"
    assert "control character" in p.message
    r = run("validate", std)
    assert r.exit_code == 1
    assert f"{actions}:{n + 1}:" in r.output and "control character" in r.output


def test_a_control_character_in_a_single_file_standard_names_its_line(tmp_path):
    lines = STARTER.read_text(encoding="utf-8").splitlines(keepends=True)
    n = next(i for i, ln in enumerate(lines) if ln.startswith("    title: "))  # on one line
    lines[n] = '    title: "bell \\a here"\n'
    path = tmp_path / "s.yaml"
    path.write_text("".join(lines), encoding="utf-8")
    with pytest.raises(se.StandardError) as e:
        se.load_standard(path)
    assert [(p.file, p.line) for p in e.value.problems] == [(str(path), n + 1)]


def _assessment_in_year_9999(folder: Path, end: str = "9999-12-31") -> tuple[Path, int]:
    path = folder / "2025.yaml"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    n = next(i for i, ln in enumerate(lines) if ln.startswith("period:"))
    lines[n] = f'period: {{start: 9999-01-01, end: {end}, label: "9999"}}\n'
    path.write_text("".join(lines), encoding="utf-8")
    return path, n + 1


def test_a_plan_period_past_9999_names_the_assessment_period(folder):
    path, line = _assessment_in_year_9999(folder)
    a = se.load_assessment(path)
    s = se.standard_for(a)
    with pytest.raises(se.PlanError) as e:
        se.draft_plan(s, a)
    [p] = e.value.problems
    assert (p.file, p.line, p.field, p.record_id) == (str(path), line, "period.end", a.id)
    assert "year 10000" in p.message
    r = run("actions", path)
    assert r.exit_code == 1 and f"error: {path}:{line}:" in r.output, r.output
    # reading back a plan that does not state its period takes the assessment's, located too
    plan = folder / "plan.csv"
    plan.write_text("No.,Action id,Activity\n1,A-LC-01a,Draft the policy\n", encoding="utf-8")
    with pytest.raises(se.PlanError) as e:
        se.read_plan(plan, s, assessment=a)
    assert [(p.file, p.line) for p in e.value.problems] == [(str(path), line)]
    # a period given on the command line is the command line's
    r = run("actions", path, "--start", "9999-Q4", "--quarters", "8")
    assert r.exit_code == 1 and "error: start: the plan period would run" in r.output


def test_a_plan_ending_in_9999_drafts_without_milestones_past_it(folder):
    r = run("actions", folder / "2025.yaml", "--start", "9999-Q1", "--quarters", "4", "-f",
            "json")
    assert r.exit_code == 0, r.output
    assert "Traceback" not in r.output
