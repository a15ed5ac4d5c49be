"""Texts as data (seal_engine.messages): codes and params, plural forms, numbers and dates in
the reader's language, the catalogue read from a .po file with Babel, the language chosen from
an option, SEAL_LANG or the locale, and the engine's .pot kept current."""

from __future__ import annotations

import datetime as dt
import string
import textwrap

import pytest

import seal_engine as se
from seal_engine import messages
from seal_engine._pot import POT, pot_text
from seal_engine.messages import MESSAGES, Ids, num, pct, render_message, say

from .conftest import ROOT

LABOUR = ROOT / "assessments" / "valdoria-ministry-of-labour" / "2025.yaml"


@pytest.fixture()
def catalogues(tmp_path, monkeypatch):
    """A locale folder of our own: ``write(lang, po_body)`` adds a language's catalogue."""
    monkeypatch.setattr(messages, "LOCALE_DIR", tmp_path)
    messages._available.cache_clear()
    messages.translations.cache_clear()

    def write(lang: str, body: str, plural: str = "nplurals=2; plural=(n != 1);") -> None:
        folder = tmp_path / lang / "LC_MESSAGES"
        folder.mkdir(parents=True, exist_ok=True)
        head = (f'msgid ""\nmsgstr ""\n"Language: {lang}\\n"\n"Plural-Forms: {plural}\\n"\n'
                '"Content-Type: text/plain; charset=UTF-8\\n"\n\n')
        (folder / "seal-engine.po").write_text(head + textwrap.dedent(body), encoding="utf-8")
        messages._available.cache_clear()
        messages.translations.cache_clear()

    yield write
    messages._available.cache_clear()
    messages.translations.cache_clear()


def _fields(template: str) -> set[str]:
    return {f for _l, f, _s, _c in string.Formatter().parse(template) if f is not None}


def test_the_catalogue_templates_name_their_fields_and_plurals_agree():
    for code, template in MESSAGES.items():
        forms = template if isinstance(template, tuple) else (template,)
        for form in forms:
            assert "" not in _fields(form), f"{code}: a positional field"
        if isinstance(template, tuple):
            assert len(template) == 2 and _fields(template[0]) == _fields(template[1]), code


def test_say_refuses_unknown_codes_and_plurals_without_a_count():
    with pytest.raises(KeyError, match="no message 'score.nope'"):
        say("score.nope")
    with pytest.raises(ValueError, match="give its count as n="):
        say("cli.scored")


def test_plural_forms_follow_the_count():
    assert render_message(say("cli.scored", n=1)) == "scored 1 assessment"
    assert render_message(say("cli.scored", n=3)) == "scored 3 assessments"
    assert render_message(say("cli.scored", n=1234)) == "scored 1,234 assessments"


def test_numbers_percentages_and_dates_in_the_language(catalogues):
    catalogues("es", "")
    catalogues("fr", "")
    m = say("score.of_benchmarks", score=pct(78.94736, 1), met=45, applicable=57)
    assert render_message(m) == "78.9 % of applicable benchmarks met (45 of 57)"
    # no translation yet: the English template, the language's numbers
    assert render_message(m, lang="es").startswith("78,9\u00a0% of")
    assert render_message(m, lang="fr").startswith("78,9\u00a0% of")
    assert render_message(say("problem.text", text=num(1234.5, 2)), lang="fr") == \
        "1\u202f234,50"
    assert render_message(say("problem.text", text=num(3.5, sign=True))) == "+3.5"
    d = dt.date(2026, 3, 8)
    assert render_message(say("problem.text", text=d)) == "8 March 2026"
    assert render_message(say("problem.text", text=d), lang="es") == "8 de marzo de 2026"
    assert render_message(say("problem.text", text=Ids(items=["WE-05", "RI-01"]))) == \
        "WE-05, RI-01"
    # a language without a catalogue is English, numbers too
    assert render_message(m, lang="xx") == "78.9 % of applicable benchmarks met (45 of 57)"


def test_the_catalogue_is_read_from_its_po_file(catalogues):
    catalogues("fr", '''
        msgctxt "cli.scored"
        msgid "scored {n} assessment"
        msgid_plural "scored {n} assessments"
        msgstr[0] "{n} autoévaluation notée"
        msgstr[1] "{n} autoévaluations notées"

        msgctxt "status.met"
        msgid "met"
        msgstr "atteint"

        #, fuzzy
        msgctxt "status.not_met"
        msgid "not met"
        msgstr "pas encore vérifié"
        ''', plural="nplurals=2; plural=(n > 1);")
    assert "fr" in messages.languages()
    assert render_message(say("status.met"), lang="fr") == "atteint"
    # French takes the singular for 0 and 1
    assert render_message(say("cli.scored", n=0), lang="fr") == "0 autoévaluation notée"
    assert render_message(say("cli.scored", n=2), lang="fr") == "2 autoévaluations notées"
    # a fuzzy entry is not trusted: English
    assert render_message(say("status.not_met"), lang="fr") == "not met"
    # the context tells apart two codes with the same English
    assert render_message(say("status.met"), lang="fr") != render_message(
        say("head.met"), lang="fr")


def test_the_language_from_option_env_and_locale(catalogues):
    catalogues("es", "")
    catalogues("pt", "")
    pick = messages.resolve_language
    assert pick(None, {}) == "en"
    assert pick("es", {"SEAL_LANG": "pt"}) == "es"
    assert pick(None, {"SEAL_LANG": "pt", "LANG": "es_ES.UTF-8"}) == "pt"
    assert pick(None, {"LC_ALL": "pt_BR.UTF-8", "LANG": "es_ES.UTF-8"}) == "pt"
    assert pick(None, {"LC_MESSAGES": "es_CO.UTF-8", "LANG": "pt_PT"}) == "es"
    assert pick(None, {"LANG": "es_ES.UTF-8"}) == "es"
    assert pick(None, {"LC_ALL": "C.UTF-8", "LANG": "es_ES.UTF-8"}) == "en"
    assert pick(None, {"LANG": "de_DE.UTF-8"}) == "en"  # no German catalogue


def test_a_score_is_codes_and_params():
    from seal_engine.render.words import basis_message, score_message

    s, a = se.standard_for(se.load_assessment(LABOUR)), se.load_assessment(LABOUR)
    r = se.score(s, a, se.load_workforce_for(a))
    m = score_message(r.score, r.basis, r.points, r.max_points, r.next_level.min_score)
    assert m.code == "score.of_benchmarks"
    assert (m.params["met"], m.params["applicable"]) == (45, 57)
    assert m.params["score"].percent and m.params["score"].decimals == 1
    b = basis_message(r.basis)
    assert [p.code for p in b.params.values()] == [
        "basis.benchmarks_met", "basis.no_partial_credit", "basis.rule_at_least"]


def test_a_score_in_english():
    s, a = se.standard_for(se.load_assessment(LABOUR)), se.load_assessment(LABOUR)
    text = se.render_score(se.score(s, a, se.load_workforce_for(a)), "table", s)
    lines = text.splitlines()
    assert lines[1] == ("Level reached: Silver   Overall score: 78.9 % of applicable "
                        "benchmarks met (45 of 57)")
    assert "Next level: Gold (needs 80 %)" in lines
    assert "  1 more benchmark met of the 57 applicable needed" in lines
    assert "  Mandatory benchmarks not yet met: WE-05, RI-01, RI-02" in lines
    assert any(ln.startswith("LC-05 ") and "partially met" in ln for ln in lines)


def test_the_pot_is_current():
    assert POT.read_text(encoding="utf-8") == pot_text(), \
        "run: python -m seal_engine._pot"


def test_metric_titles_are_the_catalogues():
    from seal_engine.workforce.metrics import METRICS

    assert {f"metric.{k}": m.title for k, m in METRICS.items()} == {
        k: v for k, v in MESSAGES.items() if k.startswith("metric.")}


def test_a_clause_is_codes_and_params_and_reads_in_english():
    s, a = se.standard_for(se.load_assessment(LABOUR)), se.load_assessment(LABOUR)
    r = se.score(s, a, se.load_workforce_for(a))
    b = r.benchmark("PC-05")
    assert b.why.code == "why.not_met" and b.why.params["n"] == 5
    first = b.clauses[0]
    assert first.message.code == "clause.yes_no"
    assert first.message.params["question"].endswith("(PC-05.tagging)")
    assert first.text == render_message(first.message) and first.text.endswith(": no")
    compare = b.clauses[1]
    assert compare.message.code == "clause.compare"
    assert compare.message.params["needs"].code == "clause.needs_ge"
    assert b.explanation[0] == "Not met: 5 conditions fail."
    assert b.explained("en") == b.explanation
    gap = r.benchmark("WE-05")
    assert gap.why.code == "why.partially_met"
    lines = gap.explanation
    assert "Partial credit because:" in lines
    assert any("unadjusted pay gap (mean) is 14 %; needs at most 5 %" in ln for ln in lines)
    # a result read back from JSON keeps its English explanation
    back = se.ScoreResult.model_validate_json(r.model_dump_json())
    assert back.benchmark("PC-05").explained("es") == b.explanation
