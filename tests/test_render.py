"""Rendering: one contract for every output (unknown formats refused), text that fits the
terminal and never cuts a word, Markdown and spreadsheet cells that stay text."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

import seal_engine
from seal_engine.cli import app
from seal_engine.render.markdown import escape, md_table
from seal_engine.render.tabular import csv_text, safe_text, unsafe_text
from seal_engine.render.text import shorten, text_table, wrap

from .conftest import ROOT, STARTER_EXAMPLE

HIGHLANDS = ROOT / "assessments" / "highlands-provincial-health" / "2025.yaml"


def _scored(path):
    a = seal_engine.load_assessment(path)
    s = seal_engine.standard_for(a)
    data = seal_engine.load_workforce_for(a)
    return s, a, seal_engine.score(s, a, data)


@pytest.mark.parametrize("call", [
    lambda s, a, r: seal_engine.render_score(r, "xml", s),
    lambda s, a, r: seal_engine.render_gaps(seal_engine.gap_analysis(s, a, r), "yaml", s),
    lambda s, a, r: seal_engine.render_report({}, "html"),
    lambda s, a, r: seal_engine.render_diff(seal_engine.diff_standards(s, s), "table"),
    lambda s, a, r: seal_engine.render_plan(seal_engine.draft_plan(s, a), "pdf", s),
], ids=["score", "gaps", "metrics", "diff", "plan"])
def test_an_unknown_format_is_an_error_everywhere(call):
    s, a, r = _scored(STARTER_EXAMPLE)
    with pytest.raises(seal_engine.SealError, match="unknown format"):
        call(s, a, r)


@pytest.mark.parametrize("width", [60, 80, 100])
@pytest.mark.parametrize("command", [
    ["score", str(HIGHLANDS)], ["explain", str(HIGHLANDS), "WE-04"],
    ["gaps", str(HIGHLANDS)],
], ids=["score", "explain", "gaps"])
def test_text_fits_the_terminal_and_never_cuts_a_word(command, width, monkeypatch):
    monkeypatch.setenv("COLUMNS", str(width))
    out = CliRunner().invoke(app, command).output
    assert out.strip()
    wide = monkeypatch.setenv("COLUMNS", "1000") or CliRunner().invoke(app, command).output
    def bare(w):
        return w.strip("()[];:,.")

    words = {bare(w) for w in wide.split()} | {"Each", "gap", "why", "Why", "effort", "actions"}
    for line in out.splitlines():
        # a line may pass the width only for a single word longer than its column
        if len(line) > width:
            assert any(len(w) > width // 4 for w in line.split()), line
        for w in line.split():
            if set(w) == {"-"}:
                continue  # the rule under a table's header
            assert bare(w) in words, f"{w!r} is not a word of the unwrapped output: cut mid-word?"


def test_unknown_width_is_at_most_100(monkeypatch):
    monkeypatch.delenv("COLUMNS")
    out = CliRunner().invoke(app, ["gaps", str(HIGHLANDS)]).output
    assert max(len(line) for line in out.splitlines()) <= 100 + 20  # ids longer than a column


def test_wrap_and_shorten_work_at_spaces():
    text = "How many times did the committee meet in the period under review?"
    assert wrap(text, 30) == ["How many times did the", "  committee meet in the period",
                              "  under review?"]
    assert shorten(text, 30) == "How many times did the…"
    assert text_table(["Id", "Title"], [["A-1", text]], width=40).splitlines()[2:] == [
        "A-1  How many times did the committee", "     meet in the period under review?"]


@pytest.mark.parametrize("hostile", [
    "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "[click](javascript:alert(1))",
    "Port Aurel\n## Forged heading", "a | b", "![x](http://evil/x.png)", "`code`",
])
def test_markdown_keeps_user_text_inert(hostile):
    out = escape(hostile)
    assert "\n" not in out
    assert "<script" not in out and "<img" not in out
    assert "](" not in out.replace("\\](", "")  # no link or image syntax survives
    table = md_table(["Name"], [[hostile]])
    assert table.count("\n") == 2 and table.splitlines()[2].count(" | ") == 0


def test_score_markdown_escapes_the_institution_name():
    s, a, r = _scored(STARTER_EXAMPLE)
    r = r.model_copy(update={"institution": r.institution.model_copy(
        update={"name": "Evil <script>x</script>\n# Title"})})
    md = seal_engine.render_score(r, "markdown", s)
    assert "<script>" not in md and "\n# Title" not in md
    assert md.splitlines()[0].startswith("# Evil &lt;script&gt;")


@pytest.mark.parametrize("value", ["=1+1", "+1", "-1", "@SUM(A1)", "\t=x", "'=x", "'quoted",
                                   "plain", "-"])
def test_spreadsheet_text_is_neutralised_and_read_back(value):
    shown = safe_text(value)
    assert not shown.startswith(("=", "+", "-", "@", "\t"))
    assert unsafe_text(shown) == value
    assert csv_text(["h"], [[value]]).splitlines()[1].strip('"').startswith(("'", "p"))
