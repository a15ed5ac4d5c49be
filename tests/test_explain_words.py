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
