"""The words of the engine for people: one name per benchmark, texts as data (a code and its
params) rendered by one renderer, explanations in the standard's own words, gap rows never
without a reason, and why a result has its level.  On the shipped standards and the demo's
assessments; no standard version is written here."""

from __future__ import annotations

import re

import pytest

import seal_engine as se
from seal_engine.messages import MESSAGES

from .conftest import ROOT

PUBLIC = ROOT / "standards" / "undp-seal-public-institutions"


@pytest.fixture(scope="module")
def standard():
    return se.load_standard(PUBLIC)


def test_a_benchmark_has_one_name_its_code_and_number(standard):
    b = next(b for b in standard.benchmarks() if b.ref)
    names = se.BenchmarkNames(standard)
    assert se.benchmark_name(b) == f"{b.id} ({b.ref})" == names(b.id)
    assert names.heading(b.id) == f"{b.id} ({b.ref}) {b.title}"
    assert names("XX-99") == "XX-99"  # an id the standard lacks is shown as it is


def test_messages_are_codes_and_params_rendered_once(standard):
    m = se.say("outcome.no_level", score="77.6 %", why=[
        se.say("outcome.mandatory_not_met", n=1, benchmark="PC-02 (3.2)", level="Bronze")])
    assert m.code == "outcome.no_level" and m.params["score"] == "77.6 %"
    assert se.render_message(m) == "77.6 %, no level yet: PC-02 (3.2), mandatory for Bronze, " \
        "is not met."
    # a translation function is given the English template
    assert se.render_message(m, lambda t: t.replace("no level yet", "sin nivel")).startswith(
        "77.6 %, sin nivel: PC-02")
    with pytest.raises(KeyError, match="no message 'outcome.nope'"):
        se.say("outcome.nope")
    # every template's fields are names (str.format), never positions
    for code, template in MESSAGES.items():
        assert "{}" not in template, code


def test_explanations_in_the_standards_words(standard):
    words = se.PlainWords(standard)
    q = next(q for q in standard.questions().values() if q.type.value == "multiple_choice"
             and standard.question_choices(q) and any(
                 c.label and "_" in c.value for c in standard.question_choices(q)))
    choice = next(c for c in standard.question_choices(q) if c.label and "_" in c.value)
    text = f"“{q.text[:20]}…” ({q.id}) includes '{choice.value}' (answer: '{choice.value}')"
    plain = words.text(text)
    assert q.id not in plain and choice.value not in plain
    assert f"“{choice.label}”" in plain
    b = next(b for b in standard.benchmarks() if b.evidence)
    e = b.evidence[0]
    assert words.text(f"evidence {e.id} ({e.title}) is missing") == f"evidence “{e.title}” is " \
        "missing"
    name, p = next((n, p) for n, p in standard.parameters.items() if p.title and "_" in n)
    assert words.text(f"x is 1; needs at least 2 (as {name})") == f"x is 1; needs at least 2 " \
        f"({p.title})"


def test_count_rows_reads_as_words_on_a_demo_assessment(standard):
    a = se.load_assessment(ROOT / "assessments" / "valdoria-ministry-of-labour" / "2025.yaml")
    result = se.score(standard, a)
    words = se.PlainWords(standard)
    texts = [words.text(c.text) for b in result.benchmarks for c in b.clauses]
    rows = [t for t in texts if t.startswith("the number of rows of")]
    assert rows and all(not re.search(r"[A-Z]{2}-\d{2}\.\w", t) for t in rows)
    assert any("none may be" in t for t in rows)


def test_every_gap_has_a_reason_and_the_outcome_says_why(standard):
    for path in sorted((ROOT / "assessments").glob("*/*.yaml")):
        a = se.load_assessment(path)
        if a.standard.id != standard.id:
            continue
        report = se.gap_analysis(standard, a)
        for g in report.gaps:
            reasons = se.gap_reasons(g)
            assert reasons and all(se.render_message(r).strip() for r in reasons), g.id
        result = se.score(standard, a)
        why = se.render_message(se.explain_outcome(result, standard))
        if result.level is None:
            assert "no level yet: " in why
        if result.next_level is not None and result.next_level.blocking:
            assert f"{se.BenchmarkNames(standard)(result.next_level.blocking[0])}" in why


def test_what_changed_between_two_results(standard):
    folder = ROOT / "assessments" / "valdoria-ministry-of-labour"
    before = se.score(standard, se.load_assessment(folder / "2024.yaml"))
    after = se.score(standard, se.load_assessment(folder / "2025.yaml"))
    changes = se.outcome_changes(before, after, standard, "the 2024 result")
    assert changes[0].code in ("change.level", "change.score", "change.same")
    text = " ".join(se.render_message(m) for m in changes)
    assert text.startswith("Since the 2024 result: ")
    gained = [b.id for b in after.benchmarks if b.status.value == "met"
              and before.benchmark(b.id).status.value != "met"]
    if gained:
        assert se.BenchmarkNames(standard)(gained[0]) in text
