"""What a comparison shows (the top of seal compare, the About sheet, the portfolio page) in
the reader's language: which results, the standards compared and what is left out."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from seal_engine.cli import app
from seal_engine.compare import standards_note_in
from seal_engine.messages import has_translation, rendered_log

from .conftest import ROOT

EXAMPLES = ROOT / "assessments"


def _about(lang: str, monkeypatch) -> tuple[list[str], list[tuple]]:
    monkeypatch.setenv("SEAL_LANG", lang)
    with rendered_log() as log:
        r = CliRunner().invoke(app, ["compare", str(EXAMPLES)])
    assert r.exit_code == 0, r.output
    return r.stdout.split("\n\n")[0].splitlines(), list(log)


def test_the_english_is_as_before(monkeypatch):
    lines, _log = _about("en", monkeypatch)
    text = "\n".join(lines)
    assert "Results shown: Self-assessed results" in text
    assert "standards are shown" in text and "benchmarks they share" in text
    assert "Periods: each institution's latest" in text


@pytest.mark.parametrize(("lang", "words"), [
    ("es", ("Resultados mostrados:", "Se muestran", "Períodos: el último de cada institución",
            "borradores: 1")),
    ("fr", ("Résultats présentés\u00a0:", "référentiels sont présentés",
            "Périodes\u00a0: le plus récent de chaque institution", "brouillons\u00a0: 1")),
    ("pt", ("Resultados apresentados:", "São apresentados",
            "Períodos: o mais recente de cada instituição", "rascunhos: 1")),
])
def test_what_a_comparison_shows_in_each_language(monkeypatch, lang, words):
    lines, log = _about(lang, monkeypatch)
    text = "\n".join(lines)
    for w in words:
        assert w in text
    for english in ("Results shown", "standards are shown", "Left out", "Periods:",
                    "Scores:", "Institutions:", "drafts"):
        assert english not in text
    about = [code for code, shown_lang, _t, _e in log
             if shown_lang == lang and code.split(".")[0] in ("about", "basis", "compare")]
    assert "compare.standards_note" in about
    assert [c for c in about if not has_translation(c, lang)] == []


def test_the_portfolio_note_in_the_readers_language():
    from seal_engine import compare_files

    c = compare_files([EXAMPLES])
    assert c.standards_note and c.standards_note == standards_note_in(c, "en")
    assert standards_note_in(c, "es").startswith(f"Se muestran {len(c.standards)} normas")
