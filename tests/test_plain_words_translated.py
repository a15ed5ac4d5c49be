"""A result scored on a standard's own language, read in a translation: the clause words come
from the result's messages in the reader's language, and what they quote (questions, evidence,
parameters) is put in the translation's words by PlainWords, so that no English is left."""

from __future__ import annotations

import pytest

import seal_engine as se
from seal_engine.render.people import PlainWords

from .conftest import ROOT


@pytest.fixture(scope="module")
def scored():
    standard = se.load_standard(ROOT / "standards" / "undp-seal-public-institutions")
    path = ROOT / "assessments" / "valdoria-ministry-of-labour" / "2025.yaml"
    return standard, se.score(standard, se.load_assessment(path))


@pytest.mark.parametrize("lang", ["es", "fr", "pt"])
def test_a_clause_in_a_translation_quotes_the_translated_standard(scored, lang):
    standard, result = scored
    translated = se.translated_standard(standard, lang)
    words = PlainWords(translated, source=standard)
    lines = [words.text(c.words(lang)) for c in result.benchmark("LC-05").clauses]
    english = [c.text for c in result.benchmark("LC-05").clauses]
    question = translated.questions()["LC-05.in_appraisal"].text
    evidence = next(e.title for e in translated.benchmark("LC-05").evidence)
    coverage = translated.parameters["appraisal_coverage_target"].title
    assert lines[0].startswith("“" + question[:40])  # the question in the translation's words
    assert f"“{evidence}”" in lines[2] and "LC-05." not in " ".join(lines)
    assert "Does the appraisal" not in " ".join(lines) and "is provided" not in lines[2]
    for own, line in zip(english, lines, strict=True):
        assert own != line
    assert f"({coverage})" in lines[1]  # the parameter in the translation's words


def test_the_standards_own_language_is_left_as_it_was(scored):
    standard, result = scored
    words = PlainWords(standard, source=standard)
    line = words.text(result.benchmark("LC-05").clauses[2].words("en"))
    assert line == f"evidence “{standard.benchmark('LC-05').evidence[0].title}” is provided"
    full = "“Does the appraisal form for managers include an objective on gender equality?”"
    assert words.text(f"{full} (LC-05.in_appraisal): yes") == f"{full}: yes"
