"""The Standards page's "Met when": a rule scored on an empty assessment turned into what each
condition needs, as messages, so that it reads in the page's language (not English sliced)."""

from __future__ import annotations

import pytest

import seal_engine as se

from .conftest import ROOT


@pytest.mark.parametrize("lang, provided, answered", [
    ("en", "is provided", "is not answered"),
    ("pt", "foi fornecida", "não tem resposta"),
    ("es", None, None),
    ("fr", None, None),
])
def test_met_when_reads_in_the_pages_language(lang, provided, answered):
    from seal_engine.app.views.standards import _empty_result, _needs

    standard = se.translated_standard(
        se.load_standard(ROOT / "standards" / "undp-seal-public-institutions"), lang)
    blank = _empty_result(standard)
    empty = [c.words(lang) for c in blank.benchmark("LC-01").clauses]
    needed = [c.words(lang) for c in _needs(blank.benchmark("LC-01").clauses)]
    english = [c.text for c in _needs(blank.benchmark("LC-01").clauses)]
    assert len(needed) == 3 and needed != empty
    assert english[-1].endswith("is provided") and english[0].endswith(": yes")
    yes = se.render_message(se.say("word.yes"), lang=lang)
    assert needed[0].endswith(f": {yes}") and needed[1].endswith(f": {yes}")
    if provided:
        assert needed[2].endswith(provided) and not any(answered in n for n in needed)
    if lang != "en":
        assert not any("evidence" in n or "is provided" in n for n in needed)
