"""seal explain writes a yes/no answer in the reader's words, not the answer's code."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from seal_engine.cli import app

from .conftest import ROOT

PORT_AUREL = ROOT / "assessments" / "port-aurel-municipality" / "2025.yaml"


@pytest.mark.parametrize(("lang", "line"), [
    ("en", "answer: yes"), ("es", "respuesta: sí"), ("fr", "réponse\u00a0: oui"),
    ("pt", "resposta: sim"),
])
def test_a_yes_no_answer_in_words(monkeypatch, lang, line):
    monkeypatch.setenv("SEAL_LANG", lang)
    r = CliRunner().invoke(app, ["explain", str(PORT_AUREL), "LC-01"])
    assert r.exit_code == 0, r.output
    answers = [x.strip() for x in r.stdout.splitlines() if x.strip().startswith(line[:5])]
    assert line in answers
    if lang != "en":
        assert not any(x.endswith((": yes", ": no")) for x in answers)


@pytest.mark.parametrize(("lang", "words"), [
    ("en", "'WE-2' is not a benchmark of undp-seal-public-institutions v3 (did you mean "
           "'WE-02'?)"),
    ("es", "'WE-2' no es un estándar de undp-seal-public-institutions v3 (¿quiso decir "
           "'WE-02'?)"),
    ("pt", "'WE-2' não é um critério de undp-seal-public-institutions v3"),
])
def test_a_mistyped_benchmark_in_the_readers_language(monkeypatch, lang, words):
    monkeypatch.setenv("SEAL_LANG", lang)
    r = CliRunner().invoke(app, ["explain", str(PORT_AUREL), "WE-2"])
    assert r.exit_code == 2
    assert words in " ".join(r.output.split())


def test_an_unknown_standard_in_french(monkeypatch):
    monkeypatch.setenv("SEAL_LANG", "fr")
    r = CliRunner().invoke(app, ["diff", "nope@1", "nope"])
    assert r.exit_code == 2
    text = " ".join(r.output.split())
    assert "le référentiel 'nope' est introuvable dans le chemin des référentiels" in text
    assert "was not found" not in text and "is not a file" not in text
